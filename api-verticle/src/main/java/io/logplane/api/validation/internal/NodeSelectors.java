package io.logplane.api.validation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.Names;

/**
 * A NodeSelector (of a node affinity) as ValidateNodeSelector checks it: at least one term, each
 * requirement with an operator and the values it takes; fields can only be matched by name.
 */
final class NodeSelectors {

  private NodeSelectors() {}

  static void selector(JsonNode selector, String path, FieldErrors errors) {
    JsonNode terms = selector.path("nodeSelectorTerms");
    if (terms.isEmpty()) {
      errors.required(path + ".nodeSelectorTerms", "must have at least one node selector term");
      return;
    }
    for (int i = 0; i < terms.size(); i++) {
      term(terms.get(i), path + ".nodeSelectorTerms[" + i + "]", errors);
    }
  }

  static void term(JsonNode term, String path, FieldErrors errors) {
    JsonNode exprs = term.path("matchExpressions");
    for (int i = 0; i < exprs.size(); i++) {
      labelRequirement(exprs.get(i), path + ".matchExpressions[" + i + "]", errors);
    }
    JsonNode fields = term.path("matchFields");
    for (int i = 0; i < fields.size(); i++) {
      fieldRequirement(fields.get(i), path + ".matchFields[" + i + "]", errors);
    }
  }

  private static void labelRequirement(JsonNode r, String path, FieldErrors errors) {
    String op = r.path("operator").asText("");
    int values = r.path("values").size();
    switch (op) {
      case "In", "NotIn" -> {
        if (values == 0) {
          errors.required(path + ".values", "must be specified when `operator` is 'In' or 'NotIn'");
        }
      }
      case "Exists", "DoesNotExist" -> {
        if (values > 0) {
          errors.forbidden(path + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
        }
      }
      case "Gt", "Lt" -> {
        if (values != 1) {
          errors.required(path + ".values", "must be specified single value when `operator` is 'Lt' or 'Gt'");
        }
      }
      default -> errors.invalid(path + ".operator", op, "not a valid selector operator");
    }
    String key = r.path("key").asText("");
    Names.check(Names.isQualifiedName(key), path + ".key", key, errors);
  }

  private static void fieldRequirement(JsonNode r, String path, FieldErrors errors) {
    String op = r.path("operator").asText("");
    JsonNode values = r.path("values");
    if (!op.equals("In") && !op.equals("NotIn")) {
      errors.invalid(path + ".operator", op, "not a valid selector operator");
    } else if (values.size() != 1) {
      errors.required(path + ".values", "must be only one value when `operator` is 'In' or 'NotIn' for node field"
          + " selector");
    }
    String key = r.path("key").asText("");
    if (!key.equals("metadata.name")) {
      errors.invalid(path + ".key", key, "not a valid field selector key");
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      Names.check(Names.isDns1123Subdomain(values.get(i).asText()), path + ".values[" + i + "]", values.get(i).asText(),
          errors);
    }
  }
}
