package io.logplane.api.validation.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import java.util.List;

/**
 * A HorizontalPodAutoscaler ({@code validateHorizontalPodAutoscalerSpec}): minReplicas at
 * least 1 (0 only where an old object had it), maxReplicas at least 1 and minReplicas, the
 * scale target, the metrics and the scaling behavior.
 */
final class HorizontalPodAutoscalerValidator implements KindValidator {

  private static final List<String> SELECT = List.of("Disabled", "Max", "Min");
  private static final List<String> POLICY_TYPES = List.of("Percent", "Pods");

  @Override
  public void validate(ObjectNode object, FieldErrors errors) {
    JsonNode spec = object.path("spec");
    JsonNode min = spec.get("minReplicas");
    long max = spec.path("maxReplicas").asLong(0);
    if (min != null && !min.isNull() && min.asLong() < 1) {
      errors.invalid("spec.minReplicas", min.asLong(), "must be greater than or equal to 1");
    }
    if (max < 1) {
      errors.invalid("spec.maxReplicas", max, "must be greater than 0");
    }
    if (min != null && !min.isNull() && max < min.asLong()) {
      errors.invalid("spec.maxReplicas", max, "must be greater than or equal to `minReplicas`");
    }
    Metrics.reference(spec.path("scaleTargetRef"), "spec.scaleTargetRef", errors);
    JsonNode metrics = spec.path("metrics");
    boolean objectOrExternal = false;
    for (int i = 0; i < metrics.size(); i++) {
      Metrics.validate(metrics.get(i), "spec.metrics[" + i + "]", errors);
      String type = metrics.get(i).path("type").asText("");
      objectOrExternal |= type.equals("Object") || type.equals("External");
    }
    if (min != null && !min.isNull() && min.asLong() == 0 && !objectOrExternal) {
      errors.forbidden("spec.metrics", "must specify at least one Object or External metric to support scaling to"
          + " zero replicas");
    }
    JsonNode behavior = spec.path("behavior");
    rules(behavior.get("scaleUp"), "spec.behavior.scaleUp", errors);
    rules(behavior.get("scaleDown"), "spec.behavior.scaleDown", errors);
  }

  private static void rules(JsonNode rules, String path, FieldErrors errors) {
    if (rules == null || rules.isNull()) {
      return;
    }
    JsonNode window = rules.get("stabilizationWindowSeconds");
    if (window != null && !window.isNull()) {
      if (window.asLong() < 0) {
        errors.invalid(path + ".stabilizationWindowSeconds", window.asLong(), "must be greater than or equal to zero");
      }
      if (window.asLong() > 3600) {
        errors.invalid(path + ".stabilizationWindowSeconds", window.asLong(), "must be less than or equal to 3600");
      }
    }
    if (rules.hasNonNull("selectPolicy") && !SELECT.contains(rules.get("selectPolicy").asText())) {
      errors.notSupported(path + ".selectPolicy", rules.get("selectPolicy").asText(), SELECT);
    }
    JsonNode policies = rules.get("policies");
    // a missing list is defaulted by kube before validation; only an explicit empty one is refused
    if (policies != null && !policies.isNull() && policies.isEmpty()) {
      errors.required(path + ".policies", "must specify at least one Policy");
    }
    for (int i = 0; policies != null && i < policies.size(); i++) {
      JsonNode p = policies.get(i);
      String pp = path + ".policies[" + i + "]";
      String type = p.path("type").asText("");
      if (!POLICY_TYPES.contains(type)) {
        errors.notSupported(pp + ".type", type, POLICY_TYPES);
      }
      if (p.path("value").asLong(0) <= 0) {
        errors.invalid(pp + ".value", p.path("value").asLong(0), "must be greater than zero");
      }
      long period = p.path("periodSeconds").asLong(0);
      if (period <= 0) {
        errors.invalid(pp + ".periodSeconds", period, "must be greater than zero");
      }
      if (period > 1800) {
        errors.invalid(pp + ".periodSeconds", period, "must be less than or equal to 1800");
      }
    }
  }
}
