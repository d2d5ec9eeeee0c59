package io.logplane.api.validation.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.workloads.Fields;
import io.logplane.api.validation.workloads.GoStructs;
import io.logplane.api.validation.workloads.IntOrPercent;
import java.util.List;

/**
 * A Deployment ({@code ValidateDeploymentSpec}): replicas, selector and template as a
 * ReplicaSet's, the strategy, minReadySeconds, revisionHistoryLimit, and a progress deadline
 * beyond minReadySeconds; on update the selector may not change.
 */
final class DeploymentValidator implements KindValidator {

  private static final List<String> STRATEGIES = List.of("Recreate", "RollingUpdate");

  @Override
  public void validate(ObjectNode object, FieldErrors errors) {
    JsonNode spec = object.path("spec");
    Fields.nonNegative(spec, "replicas", "spec.replicas", errors);
    ReplicaSetTemplate.validate(spec, errors);
    strategy(spec.path("strategy"), errors);
    Fields.nonNegative(spec, "minReadySeconds", "spec.minReadySeconds", errors);
    Fields.nonNegative(spec, "revisionHistoryLimit", "spec.revisionHistoryLimit", errors);
    if (Fields.has(spec, "progressDeadlineSeconds")) {
      Fields.nonNegative(spec, "progressDeadlineSeconds", "spec.progressDeadlineSeconds", errors);
      long deadline = spec.get("progressDeadlineSeconds").asLong();
      if (deadline <= spec.path("minReadySeconds").asLong(0)) {
        errors.invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds");
      }
    }
  }

  @Override
  public void validateUpdate(ObjectNode old, ObjectNode object, FieldErrors errors) {
    ReplicaSetTemplate.selectorUnchanged(old, object, errors);
  }

  private static void strategy(JsonNode strategy, FieldErrors errors) {
    String type = strategy.path("type").asText("");
    boolean rolling = Fields.has(strategy, "rollingUpdate");
    switch (type) {
      case "Recreate" -> {
        if (rolling) {
          errors.forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'");
        }
      }
      case "RollingUpdate" -> {
        if (!rolling) {
          errors.required("spec.strategy.rollingUpdate", "this should be defaulted and never be nil");
        } else {
          rollingUpdate(strategy.get("rollingUpdate"), "spec.strategy.rollingUpdate", errors);
        }
      }
      default -> errors.notSupported("spec.strategy",
          GoStructs.strategy("apps.DeploymentStrategy", type, "apps.RollingUpdateDeployment", rolling), STRATEGIES);
    }
  }

  private static void rollingUpdate(JsonNode r, String path, FieldErrors errors) {
    JsonNode unavailable = r.path("maxUnavailable");
    JsonNode surge = r.path("maxSurge");
    IntOrPercent.validatePositive(unavailable, path + ".maxUnavailable", errors);
    IntOrPercent.validatePositive(surge, path + ".maxSurge", errors);
    if (IntOrPercent.value(unavailable) == 0 && IntOrPercent.value(surge) == 0) {
      errors.invalid(path + ".maxUnavailable", GoStructs.intOrString(unavailable), "may not be 0 when `maxSurge` is 0");
    }
    IntOrPercent.notMoreThan100Percent(unavailable, path + ".maxUnavailable", errors);
  }
}
