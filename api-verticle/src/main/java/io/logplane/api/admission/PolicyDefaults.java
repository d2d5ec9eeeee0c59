package io.logplane.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The defaults of admissionregistration.k8s.io's ValidatingAdmissionPolicy and its binding, as
 * kube's {@code SetDefaults_ValidatingAdmissionPolicySpec}, {@code SetDefaults_MatchResources}
 * and {@code SetDefaults_Rule}: a policy fails closed, matches equivalent requests, selects every
 * namespace and object unless told otherwise, and a rule covers both scopes.
 */
final class PolicyDefaults {

  private PolicyDefaults() {}

  static void policy(ObjectNode o) {
    if (!(o.get("spec") instanceof ObjectNode spec)) {
      return;
    }
    if (!spec.hasNonNull("failurePolicy")) {
      spec.put("failurePolicy", "Fail");
    }
    if (spec.get("matchConstraints") instanceof ObjectNode match) {
      matchResources(match);
    }
  }

  static void binding(ObjectNode o) {
    if (o.path("spec").get("matchResources") instanceof ObjectNode match) {
      matchResources(match);
    }
  }

  private static void matchResources(ObjectNode match) {
    if (!match.hasNonNull("matchPolicy")) {
      match.put("matchPolicy", "Equivalent");
    }
    for (String selector : new String[] {"namespaceSelector", "objectSelector"}) {
      if (!match.hasNonNull(selector)) {
        match.putObject(selector);
      }
    }
    for (String rules : new String[] {"resourceRules", "excludeResourceRules"}) {
      for (JsonNode rule : match.path(rules)) {
        if (rule instanceof ObjectNode r && !r.hasNonNull("scope")) {
          r.put("scope", "*");
        }
      }
    }
  }
}
