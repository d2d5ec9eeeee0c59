package io.logplane.api.validation.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.LabelSelectors;
import io.logplane.api.validation.workloads.Fields;
import io.logplane.api.validation.workloads.GoStructs;
import io.logplane.api.validation.workloads.IntOrPercent;
import java.util.List;

/**
 * A PodDisruptionBudget ({@code ValidatePodDisruptionBudgetSpec}): minAvailable or
 * maxUnavailable, not both, each a count or a percentage up to 100%; its selector; and the
 * unhealthy pod eviction policy.
 */
final class PodDisruptionBudgetValidator implements KindValidator {

  private static final List<String> EVICTION = List.of("AlwaysAllow", "IfHealthyBudget");

  @Override
  public void validate(ObjectNode object, FieldErrors errors) {
    JsonNode spec = object.path("spec");
    boolean min = Fields.has(spec, "minAvailable");
    boolean max = Fields.has(spec, "maxUnavailable");
    if (min && max) {
      errors.invalid("spec", new GoStructs.Text("policy.PodDisruptionBudgetSpec{...}"),
          "minAvailable and maxUnavailable cannot be both set");
    }
    for (String f : List.of("minAvailable", "maxUnavailable")) {
      if (Fields.has(spec, f)) {
        IntOrPercent.validatePositive(spec.get(f), "spec." + f, errors);
        IntOrPercent.notMoreThan100Percent(spec.get(f), "spec." + f, errors);
      }
    }
    LabelSelectors.validate(spec.get("selector"), "spec.selector", errors);
    if (Fields.has(spec, "unhealthyPodEvictionPolicy")
        && !EVICTION.contains(spec.get("unhealthyPodEvictionPolicy").asText())) {
      errors.notSupported("spec.unhealthyPodEvictionPolicy", spec.get("unhealthyPodEvictionPolicy").asText(), EVICTION);
    }
  }
}
