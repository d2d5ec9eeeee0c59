package io.logplane.projections.policy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a PodDisruptionBudget covers: the pods of its namespace its selector matches, as policy/v1
 * reads it (no selector matches nothing, an empty one every pod).
 */
public final class Budgets {

  private Budgets() {}

  public static boolean covers(JsonNode budget, JsonNode pod) {
    JsonNode selector = budget.path("spec").get("selector");
    if (selector == null || selector.isNull()) {
      return false;
    }
    JsonNode labels = pod.path("metadata").path("labels");
    var fields = selector.path("matchLabels").fields();
    while (fields.hasNext()) {
      var e = fields.next();
      if (!labels.path(e.getKey()).isTextual() || !labels.get(e.getKey()).asText().equals(e.getValue().asText())) {
        return false;
      }
    }
    for (JsonNode expr : selector.path("matchExpressions")) {
      JsonNode value = labels.get(expr.path("key").asText());
      boolean listed = false;
      for (JsonNode v : expr.path("values")) {
        listed |= value != null && v.asText().equals(value.asText());
      }
      boolean ok = switch (expr.path("operator").asText()) {
        case "In" -> listed;
        case "NotIn" -> !listed;
        case "Exists" -> value != null;
        case "DoesNotExist" -> value == null;
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
