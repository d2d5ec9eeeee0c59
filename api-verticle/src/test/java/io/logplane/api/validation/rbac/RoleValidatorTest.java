package io.logplane.api.validation.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.workloads.Admit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Roles, ClusterRoles and bindings against kube 1.28's causes (ValidatePolicyRule, ValidateRoleBinding). */
class RoleValidatorTest {

  static final ObjectNode ROLE = Admit.yaml("""
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: reader, namespace: n}
      rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
      """);
  static final ObjectNode BINDING = Admit.yaml("""
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: b}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
      subjects: [{kind: User, name: bob}, {kind: ServiceAccount, name: default, namespace: n}]
      """);

  static Stream<Arguments> roles() {
    return Stream.of(
        Arguments.of("valid", "{}", List.of()),
        Arguments.of("no verbs", "rules: [{apiGroups: [''], resources: [pods]}]",
            List.of("rules[0].verbs: Required value: verbs must contain at least one value")),
        Arguments.of("no groups nor resources", "rules: [{verbs: [get]}]", List.of(
            "rules[0].apiGroups: Required value: resource rules must supply at least one api group",
            "rules[0].resources: Required value: resource rules must supply at least one resource")),
        Arguments.of("non-resource URLs in a Role", "rules: [{nonResourceURLs: [/healthz], verbs: [get]}]",
            List.of("rules[0].nonResourceURLs: Invalid value: []string{\"/healthz\"}: namespaced rules cannot apply"
                + " to non-resource URLs")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("roles")
  void role(String name, String patch, List<String> expected) {
    assertEquals(expected, Admit.create("rbac.authorization.k8s.io", "roles", Admit.merge(ROLE, patch)));
  }

  static Stream<Arguments> bindings() {
    return Stream.of(
        Arguments.of("valid", "{}", List.of()),
        Arguments.of("a Role in a ClusterRoleBinding", "roleRef: {kind: Role}", List.of(
            "roleRef.kind: Unsupported value: \"Role\": supported values: \"ClusterRole\"")),
        Arguments.of("bad subjects", "subjects: [{kind: Robot, name: r}, {kind: ServiceAccount, name: sa}]", List.of(
            "subjects[0].kind: Unsupported value: \"Robot\": supported values: \"ServiceAccount\", \"User\", \"Group\"",
            "subjects[1].namespace: Required value")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bindings")
  void binding(String name, String patch, List<String> expected) {
    assertEquals(expected, Admit.create("rbac.authorization.k8s.io", "clusterrolebindings",
        Admit.merge(BINDING, patch)));
  }

  @Test
  void roleRefIsFixed() {
    List<String> causes = Admit.update("rbac.authorization.k8s.io", "clusterrolebindings", BINDING,
        Admit.merge(BINDING, "roleRef: {name: edit}"));
    assertEquals(1, causes.size());
    assertEquals("roleRef: Invalid value", causes.get(0).substring(0, "roleRef: Invalid value".length()));
  }
}
