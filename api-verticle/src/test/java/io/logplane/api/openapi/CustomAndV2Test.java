package io.logplane.api.openapi;

import static io.logplane.api.openapi.OpenApiTest.group;
import static io.logplane.api.openapi.OpenApiTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.resources.BuiltinResources;
import io.logplane.api.resources.ResourceType;
import io.logplane.api.schema.PatchMeta;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Custom kinds from CRD schemas, the swagger 2.0 document, and coverage of the merge metadata. */
class CustomAndV2Test {

  static final ResourceType CRON_TAB = new ResourceType("stable.example.com", "v1", "crontabs", "crontab",
      "CronTab", true, List.of("ct"), List.of(), List.of("status"), null);
  static OpenApi api;

  @BeforeAll
  static void build() {
    api = new OpenApi(BuiltinResources.all());
  }

  static ObjectNode cronTabSchema() {
    ObjectNode s = OpenApiTest.MAPPER.createObjectNode().put("type", "object");
    ObjectNode spec = s.putObject("properties").putObject("spec").put("type", "object");
    spec.putObject("properties").putObject("cronSpec").put("type", "string");
    spec.with("properties").putObject("replicas").put("type", "integer").put("nullable", true);
    return s;
  }

  @Test
  void customKindIsPublishedInItsOwnGroupAndWithdrawn() {
    String apps = api.etag("apis/apps/v1");
    api.addCustom(CRON_TAB, cronTabSchema());
    JsonNode root = parse(api.v3Root());
    assertTrue(root.get("paths").has("apis/stable.example.com/v1"));
    JsonNode doc = group(api, "apis/stable.example.com/v1");
    JsonNode schemas = doc.get("components").get("schemas");
    JsonNode kind = schemas.get("com.example.stable.v1.CronTab");
    assertEquals("[{\"group\":\"stable.example.com\",\"kind\":\"CronTab\",\"version\":\"v1\"}]",
        kind.get("x-kubernetes-group-version-kind").toString());
    assertEquals("string", kind.get("properties").get("spec").get("properties").get("cronSpec").get("type").asText());
    assertTrue(kind.get("properties").get("metadata").toString().contains("meta.v1.ObjectMeta"));
    assertTrue(schemas.has("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"));
    assertTrue(schemas.has("com.example.stable.v1.CronTabList"));
    JsonNode patch = doc.get("paths").get("/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}").get("patch");
    assertFalse(patch.get("requestBody").get("content").has("application/strategic-merge-patch+json"));
    assertTrue(patch.get("requestBody").get("content").has("application/merge-patch+json"));
    assertTrue(doc.get("paths").has("/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}/status"));
    assertEquals(apps, api.etag("apis/apps/v1"), "other groups keep their hash");
    assertTrue(parse(api.v2()).get("definitions").has("com.example.stable.v1.CronTab"));

    api.removeCustom(CRON_TAB);
    assertFalse(parse(api.v3Root()).get("paths").has("apis/stable.example.com/v1"));
    assertTrue(api.v3Group("apis/stable.example.com/v1").isEmpty());
  }

  @Test
  void customKindWithoutSchemaKeepsAnyField() {
    OpenApi own = new OpenApi(BuiltinResources.all());
    own.addCustom(CRON_TAB, null);
    JsonNode kind = group(own, "apis/stable.example.com/v1").get("components").get("schemas")
        .get("com.example.stable.v1.CronTab");
    assertTrue(kind.get("x-kubernetes-preserve-unknown-fields").asBoolean());
    String before = own.etag("apis/stable.example.com/v1");
    own.addCustom(CRON_TAB, cronTabSchema());
    assertNotEquals(before, own.etag("apis/stable.example.com/v1"), "a new schema changes the hash");
  }

  @Test
  void swaggerTwoHasTheSameDefinitionsWithV2References() {
    JsonNode v2 = parse(api.v2());
    assertEquals("2.0", v2.get("swagger").asText());
    JsonNode defs = v2.get("definitions");
    assertTrue(defs.has("io.k8s.api.apps.v1.Deployment"));
    assertTrue(defs.has("io.k8s.api.core.v1.PodSpec"));
    assertEquals("string", defs.get("io.k8s.apimachinery.pkg.api.resource.Quantity").get("type").asText());
    assertEquals("int-or-string", defs.get("io.k8s.apimachinery.pkg.util.intstr.IntOrString").get("format").asText());
    assertEquals("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
        defs.get("io.k8s.api.apps.v1.Deployment").get("properties").get("metadata").get("$ref").asText());
    assertFalse(new String(api.v2()).contains("#/components/"));
    JsonNode schemaProps = defs.get("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps");
    assertTrue(schemaProps.get("properties").has("nullable"), "properties named like v3 keywords stay");
    JsonNode patch = v2.get("paths").get("/apis/apps/v1/namespaces/{namespace}/deployments/{name}").get("patch");
    assertTrue(patch.get("consumes").toString().contains("application/strategic-merge-patch+json"));
    assertEquals("{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}",
        patch.get("x-kubernetes-group-version-kind").toString());
    assertTrue(patch.get("parameters").toString().contains("\"in\":\"body\""));
    assertEquals('"' + Documents.hash(api.v2()) + '"', api.etag("/openapi/v2"));
  }

  @Test
  void everyStrategicMergeListIsAnnotated() {
    JsonNode defs = parse(api.v2()).get("definitions");
    for (Map.Entry<String, PatchMeta.ListMeta> e : PatchMeta.entries().entrySet()) {
      if (e.getKey().equals("IngressStatus.conditions")) {
        continue; // not a field of networking/v1 IngressStatus (only loadBalancer): nothing to annotate
      }
      String type = e.getKey().substring(0, e.getKey().indexOf('.'));
      String field = e.getKey().substring(e.getKey().indexOf('.') + 1);
      boolean found = false;
      var names = defs.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        JsonNode p = defs.get(name).path("properties").path(field);
        if (name.endsWith("." + type) && !p.isMissingNode()) {
          assertEquals(e.getValue().mergeKey() == null ? "set" : "map", p.get("x-kubernetes-list-type").asText(), name);
          if (e.getValue().mergeKey() != null) {
            assertEquals(e.getValue().mergeKey(), p.get("x-kubernetes-patch-merge-key").asText(), name);
          }
          found = true;
        }
      }
      assertTrue(found, "no definition carries " + e.getKey());
    }
  }

  @Test
  void explainCriticalFieldsArePresent() {
    JsonNode core = group(api, "api/v1").get("components").get("schemas");
    Map<String, List<String>> fields = Map.of(
        "io.k8s.api.core.v1.PodSpec", List.of("containers", "volumes", "nodeSelector", "restartPolicy",
            "serviceAccountName", "initContainers", "affinity", "tolerations"),
        "io.k8s.api.core.v1.Container", List.of("image", "command", "args", "env", "ports", "resources",
            "volumeMounts", "livenessProbe", "readinessProbe", "imagePullPolicy"),
        "io.k8s.api.core.v1.ServiceSpec", List.of("ports", "selector", "type", "clusterIP"),
        "io.k8s.api.core.v1.ConfigMap", List.of("apiVersion", "kind", "metadata", "data", "binaryData"),
        "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", List.of("name", "namespace", "labels", "annotations",
            "resourceVersion", "uid", "finalizers", "managedFields"));
    fields.forEach((type, names) -> names.forEach(f ->
        assertTrue(core.get(type).get("properties").has(f), type + "." + f)));
    assertTrue(core.get("io.k8s.api.core.v1.Pod").get("properties").get("spec").has("description"));
  }
}
