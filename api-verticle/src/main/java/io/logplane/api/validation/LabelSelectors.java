package io.logplane.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A {@code metav1.LabelSelector} (matchLabels and matchExpressions) as kube validates it. */
public final class LabelSelectors {

  private static final List<String> WITH_VALUES = List.of("In", "NotIn");
  private static final List<String> WITHOUT_VALUES = List.of("Exists", "DoesNotExist");

  private LabelSelectors() {}

  /** Checks a selector at {@code path} (e.g. "spec.selector"); a missing one is fine here. */
  public static void validate(JsonNode selector, String path, FieldErrors errors) {
    if (selector == null || selector.isMissingNode() || selector.isNull()) {
      return;
    }
    Labels.validate(selector.path("matchLabels"), path + ".matchLabels", errors);
    JsonNode exprs = selector.path("matchExpressions");
    for (int i = 0; i < exprs.size(); i++) {
      requirement(exprs.get(i), path + ".matchExpressions[" + i + "]", errors);
    }
  }

  private static void requirement(JsonNode r, String path, FieldErrors errors) {
    String op = r.path("operator").asText("");
    JsonNode values = r.path("values");
    if (WITH_VALUES.contains(op)) {
      if (values.isEmpty()) {
        errors.required(path + ".values", "must be specified when `operator` is 'In' or 'NotIn'");
      }
    } else if (WITHOUT_VALUES.contains(op)) {
      if (!values.isEmpty()) {
        errors.forbidden(path + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
      }
    } else {
      errors.invalid(path + ".operator", op, "not a valid selector operator");
    }
    String key = r.path("key").asText("");
    Names.check(Names.isQualifiedName(key), path + ".key", key, errors);
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i).asText();
      Names.check(Names.isLabelValue(v), path + ".values[" + i + "]", v, errors);
    }
  }
}
