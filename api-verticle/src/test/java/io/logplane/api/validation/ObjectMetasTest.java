package io.logplane.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The metadata rules every kind shares (ValidateObjectMeta), against kube 1.28's causes. */
class ObjectMetasTest {

  private static List<String> configMap(String metadata) {
    return fields(Check.create("", "configmaps", "{\"metadata\":" + metadata + "}"));
  }

  private static List<String> fields(List<String> lines) {
    return lines.stream().map(l -> l.substring(0, l.indexOf(':'))).toList();
  }

  @Test
  void generateNameIsCheckedAsAPrefixAndWithTheNameItGives() {
    assertEquals(List.of(), configMap("{\"generateName\":\"gen-\"}"));
    assertEquals(List.of("metadata.generateName", "metadata.name"), configMap("{\"generateName\":\"Gen_\"}"));
    assertEquals(List.of("metadata.name"), configMap("{}"));
  }

  @Test
  void finalizersAreQualifiedNamesAndStandardWithoutADomain() {
    assertEquals(List.of(), configMap("{\"name\":\"a\",\"finalizers\":[\"example.com/keep\",\"orphan\"]}"));
    assertEquals(List.of("metadata.finalizers", "metadata.finalizers[0]"),
        configMap("{\"name\":\"a\",\"finalizers\":[\"bad finalizer!\"]}").stream().distinct().toList());
    assertEquals(List.of("metadata.finalizers[0]"), configMap("{\"name\":\"a\",\"finalizers\":[\"keep\"]}"));
    assertEquals(List.of("metadata.finalizers"),
        configMap("{\"name\":\"a\",\"finalizers\":[\"orphan\",\"foregroundDeletion\"]}"));
  }

  @Test
  void ownerReferencesAreCompleteWithOneControllerAtMost() {
    String x = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"x\",\"uid\":\"1\",\"controller\":true}";
    assertEquals(List.of(), configMap("{\"name\":\"a\",\"ownerReferences\":[" + x + "]}"));
    assertEquals(List.of("metadata.ownerReferences.uid"),
        configMap("{\"name\":\"a\",\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"x\"}]}"));
    assertEquals(List.of("metadata.ownerReferences.apiVersion", "metadata.ownerReferences.kind"),
        configMap("{\"name\":\"a\",\"ownerReferences\":[{\"apiVersion\":\"a/b/c\",\"name\":\"x\",\"uid\":\"1\"}]}"));
    assertEquals(List.of("metadata.ownerReferences"), configMap("{\"name\":\"a\",\"ownerReferences\":[" + x + ","
        + x.replace("\"x\"", "\"y\"") + "]}"));
    assertEquals(List.of("metadata.ownerReferences"), configMap("{\"name\":\"a\",\"ownerReferences\":["
        + "{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"name\":\"e\",\"uid\":\"1\"}]}"));
  }

  @Test
  void rbacNamesArePathSegments() {
    String role = "{\"metadata\":{\"name\":\"NAME\",\"namespace\":\"n\"},\"rules\":[]}";
    assertEquals(List.of(), Check.create("rbac.authorization.k8s.io", "roles", role.replace("NAME", "system:reader")));
    assertEquals(List.of("metadata.name: Invalid value: \"a/b\": may not contain '/'"),
        Check.create("rbac.authorization.k8s.io", "roles", role.replace("NAME", "a/b")));
    assertEquals(List.of("metadata.name: Invalid value: \"..\": may not be '..'"),
        Check.create("rbac.authorization.k8s.io", "clusterroles", role.replace("NAME", "..")));
  }

  @Test
  void aPrefixMayEndWithADash() {
    assertEquals(List.of(), NameRules.of("", "configmaps").check("a-", true));
    assertEquals(1, NameRules.of("", "configmaps").check("a-", false).size());
  }
}
