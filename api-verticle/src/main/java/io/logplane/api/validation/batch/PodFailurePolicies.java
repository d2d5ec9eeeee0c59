package io.logplane.api.validation.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.Names;
import io.logplane.api.validation.workloads.GoStructs;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Job's podFailurePolicy ({@code validatePodFailurePolicy}): at most 20 rules, each with a
 * known action and exactly one of onExitCodes (a known operator, 1-255 ordered distinct values,
 * no 0 for In, a container of the template) and onPodConditions (qualified types, a status).
 */
final class PodFailurePolicies {

  private static final List<String> ACTIONS = List.of("Count", "FailIndex", "FailJob", "Ignore");
  private static final List<String> OPERATORS = List.of("In", "NotIn");
  private static final List<String> STATUSES = List.of("False", "True", "Unknown");

  private PodFailurePolicies() {}

  static void validate(JsonNode spec, String path, FieldErrors errors) {
    JsonNode rules = spec.path("podFailurePolicy").path("rules");
    if (rules.size() > 20) {
      errors.tooMany(path + ".rules", rules.size(), 20);
    }
    Set<String> containers = new HashSet<>();
    for (String list : List.of("containers", "initContainers")) {
      spec.path("template").path("spec").path(list).forEach(c -> containers.add(c.path("name").asText("")));
    }
    for (int i = 0; i < rules.size(); i++) {
      rule(spec, rules.get(i), path + ".rules[" + i + "]", containers, errors);
    }
  }

  private static void rule(JsonNode spec, JsonNode rule, String path, Set<String> containers, FieldErrors errors) {
    String action = rule.path("action").asText("");
    if (action.isEmpty()) {
      errors.required(path + ".action", "valid values: " + quoted(ACTIONS));
    } else if (action.equals("FailIndex")) {
      if (!spec.hasNonNull("backoffLimitPerIndex")) {
        errors.invalid(path + ".action", action, "requires the backoffLimitPerIndex to be set");
      }
    } else if (!ACTIONS.contains(action)) {
      errors.notSupported(path + ".action", action, ACTIONS);
    }
    JsonNode codes = rule.get("onExitCodes");
    boolean hasCodes = codes != null && !codes.isNull();
    JsonNode conditions = rule.path("onPodConditions");
    if (hasCodes) {
      exitCodes(codes, path + ".onExitCodes", containers, errors);
    }
    for (int j = 0; j < conditions.size(); j++) {
      String p = path + ".onPodConditions[" + j + "]";
      String type = conditions.get(j).path("type").asText("");
      Names.check(Names.isQualifiedName(type), p + ".type", type, errors);
      String status = conditions.get(j).path("status").asText("");
      if (status.isEmpty()) {
        errors.required(p + ".status", "valid values: " + quoted(STATUSES));
      } else if (!STATUSES.contains(status)) {
        errors.notSupported(p + ".status", status, STATUSES);
      }
    }
    if (hasCodes && !conditions.isEmpty()) {
      errors.invalidOmitted(path, "specifying both OnExitCodes and OnPodConditions is not supported");
    } else if (!hasCodes && conditions.isEmpty()) {
      errors.invalidOmitted(path, "specifying one of OnExitCodes and OnPodConditions is required");
    }
  }

  private static void exitCodes(JsonNode codes, String path, Set<String> containers, FieldErrors errors) {
    String operator = codes.path("operator").asText("");
    if (operator.isEmpty()) {
      errors.required(path + ".operator", "valid values: " + quoted(OPERATORS));
    } else if (!OPERATORS.contains(operator)) {
      errors.notSupported(path + ".operator", operator, OPERATORS);
    }
    if (codes.hasNonNull("containerName") && !containers.contains(codes.get("containerName").asText())) {
      errors.invalid(path + ".containerName", codes.get("containerName").asText(),
          "must be one of the container or initContainer names in the pod template");
    }
    JsonNode values = codes.path("values");
    if (values.isEmpty()) {
      errors.invalid(path + ".values", int32s(values), "at least one value is required");
    } else if (values.size() > 255) {
      errors.tooMany(path + ".values", values.size(), 255);
    }
    Set<Long> seen = new HashSet<>();
    boolean ordered = true;
    for (int j = 0; j < values.size(); j++) {
      long v = values.get(j).asLong();
      if (operator.equals("In") && v == 0) {
        errors.invalid(path + ".values[" + j + "]", v, "must not be 0 for the In operator");
      }
      if (!seen.add(v)) {
        errors.duplicate(path + ".values[" + j + "]", v);
      }
      ordered &= j == 0 || values.get(j - 1).asLong() <= v;
    }
    if (!ordered) {
      errors.invalid(path + ".values", int32s(values), "must be ordered");
    }
  }

  /** A {@code []int32} as Go prints it. */
  private static GoStructs.Text int32s(JsonNode values) {
    List<String> items = new java.util.ArrayList<>();
    values.forEach(v -> items.add(v.asText()));
    return new GoStructs.Text(values.isEmpty() ? "[]int32(nil)" : "[]int32{" + String.join(", ", items) + "}");
  }

  /** Go's {@code %q} of a []string: {@code ["Count" "FailJob"]}. */
  private static String quoted(List<String> values) {
    return "[\"" + String.join("\" \"", values) + "\"]";
  }
}
