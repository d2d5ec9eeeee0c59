package io.logplane.api.validation.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.NameRules;
import io.logplane.api.validation.Names;
import io.logplane.api.validation.workloads.Fields;
import java.util.List;

/**
 * A RoleBinding or ClusterRoleBinding ({@code ValidateRoleBinding}): a roleRef to a Role (in a
 * RoleBinding) or a ClusterRole of the RBAC group, fixed once created; subjects of a known kind
 * and group, a ServiceAccount with a namespace in a ClusterRoleBinding. An empty RBAC group is
 * what kube's defaults fill in before validating, so it passes.
 */
final class BindingValidator implements KindValidator {

  private final boolean namespaced;

  BindingValidator(boolean namespaced) {
    this.namespaced = namespaced;
  }

  @Override
  public void validate(ObjectNode binding, FieldErrors errors) {
    JsonNode ref = binding.path("roleRef");
    String group = ref.path("apiGroup").asText("");
    if (!group.isEmpty() && !group.equals(RbacKinds.GROUP)) { // empty is defaulted to the RBAC group
      errors.notSupported("roleRef.apiGroup", group, List.of(RbacKinds.GROUP));
    }
    String kind = ref.path("kind").asText("");
    List<String> kinds = namespaced ? List.of("Role", "ClusterRole") : List.of("ClusterRole");
    if (!kinds.contains(kind)) {
      errors.notSupported("roleRef.kind", kind, kinds);
    }
    String name = ref.path("name").asText("");
    if (name.isEmpty()) {
      errors.required("roleRef.name", null);
    } else {
      Names.check(NameRules.pathSegment(name), "roleRef.name", name, errors);
    }
    JsonNode subjects = binding.path("subjects");
    for (int i = 0; i < subjects.size(); i++) {
      subject(subjects.get(i), "subjects[" + i + "]", errors);
    }
  }

  private void subject(JsonNode s, String path, FieldErrors errors) {
    String name = s.path("name").asText("");
    String group = s.path("apiGroup").asText("");
    if (name.isEmpty()) {
      errors.required(path + ".name", null);
    }
    switch (s.path("kind").asText("")) {
      case "ServiceAccount" -> {
        if (!name.isEmpty()) {
          Names.check(Names.isDns1123Subdomain(name), path + ".name", name, errors);
        }
        if (!group.isEmpty()) {
          errors.notSupported(path + ".apiGroup", group, List.of(""));
        }
        if (!namespaced && s.path("namespace").asText("").isEmpty()) {
          errors.required(path + ".namespace", null);
        }
      }
      case "User", "Group" -> {
        if (!group.isEmpty() && !group.equals(RbacKinds.GROUP)) { // SetDefaults_Subject fills it
          errors.notSupported(path + ".apiGroup", group, List.of(RbacKinds.GROUP));
        }
      }
      default -> errors.notSupported(path + ".kind", s.path("kind").asText(""), List.of("ServiceAccount", "User", "Group"));
    }
  }

  @Override
  public void validateUpdate(ObjectNode old, ObjectNode binding, FieldErrors errors) {
    if (!Fields.same(old.get("roleRef"), binding.get("roleRef"))) {
      errors.invalid("roleRef", binding.path("roleRef"), "cannot change roleRef");
    }
  }

  @Override
  public boolean updateRulesFirst() {
    return false;
  }
}
