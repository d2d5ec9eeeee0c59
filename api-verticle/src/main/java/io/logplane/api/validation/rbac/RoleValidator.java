package io.logplane.api.validation.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.LabelSelectors;

/**
 * A Role or ClusterRole ({@code ValidatePolicyRule}): every rule has verbs; a rule of
 * non-resource URLs names nothing else and is not in a Role; a resource rule has apiGroups and
 * resources. A ClusterRole's aggregation rule has selectors.
 */
final class RoleValidator implements KindValidator {

  private final boolean namespaced;

  RoleValidator(boolean namespaced) {
    this.namespaced = namespaced;
  }

  @Override
  public void validate(ObjectNode role, FieldErrors errors) {
    JsonNode rules = role.path("rules");
    for (int i = 0; i < rules.size(); i++) {
      rule(rules.get(i), "rules[" + i + "]", errors);
    }
    JsonNode aggregation = role.get("aggregationRule");
    if (!namespaced && aggregation != null && !aggregation.isNull()) {
      JsonNode selectors = aggregation.path("clusterRoleSelectors");
      if (selectors.isEmpty()) {
        errors.required("aggregationRule.clusterRoleSelectors",
            "at least one clusterRoleSelector required if aggregationRule is non-nil");
      }
      for (int i = 0; i < selectors.size(); i++) {
        LabelSelectors.validate(selectors.get(i), "aggregationRule.clusterRoleSelectors[" + i + "]", errors);
      }
    }
  }

  private void rule(JsonNode rule, String path, FieldErrors errors) {
    if (rule.path("verbs").isEmpty()) {
      errors.required(path + ".verbs", "verbs must contain at least one value");
    }
    JsonNode urls = rule.path("nonResourceURLs");
    if (!urls.isEmpty()) {
      if (namespaced) {
        errors.invalid(path + ".nonResourceURLs", urls, "namespaced rules cannot apply to non-resource URLs");
      }
      if (!rule.path("apiGroups").isEmpty() || !rule.path("resources").isEmpty()
          || !rule.path("resourceNames").isEmpty()) {
        errors.invalid(path + ".nonResourceURLs", urls,
            "rules cannot apply to both regular resources and non-resource URLs");
      }
      return;
    }
    if (rule.path("apiGroups").isEmpty()) {
      errors.required(path + ".apiGroups", "resource rules must supply at least one api group");
    }
    if (rule.path("resources").isEmpty()) {
      errors.required(path + ".resources", "resource rules must supply at least one resource");
    }
  }
}
