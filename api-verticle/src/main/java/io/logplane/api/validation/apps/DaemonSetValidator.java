package io.logplane.api.validation.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.LabelSelectors;
import io.logplane.api.validation.PodTemplates;
import io.logplane.api.validation.workloads.Controllers;
import io.logplane.api.validation.workloads.Fields;
import io.logplane.api.validation.workloads.GoStructs;
import io.logplane.api.validation.workloads.IntOrPercent;
import java.util.List;

/**
 * A DaemonSet ({@code ValidateDaemonSetSpec}): its selector (a missing one matches no labels)
 * and template, the update strategy where exactly one of maxSurge and maxUnavailable is
 * non-zero, and revisionHistoryLimit; on update the selector may not change.
 */
final class DaemonSetValidator implements KindValidator {

  private static final List<String> STRATEGIES = List.of("RollingUpdate", "OnDelete");

  @Override
  public void validate(ObjectNode object, FieldErrors errors) {
    JsonNode spec = object.path("spec");
    JsonNode selector = spec.get("selector");
    LabelSelectors.validate(selector, "spec.selector", errors);
    JsonNode template = spec.path("template");
    Controllers.asSelector(selector).ifPresent(s -> Controllers.templateMatches(s, template, errors));
    if (!GoStructs.absent(selector) && selector.path("matchLabels").size() + selector.path("matchExpressions").size() == 0) {
      errors.invalid("spec.selector", GoStructs.labelSelector(selector), "empty selector is invalid for daemonset");
    }
    PodTemplates.validate(template, "spec.template", errors);
    Controllers.restartPolicy(template, "spec.template", List.of("Always"), errors);
    Controllers.noActiveDeadline(template, "spec.template", "DaemonSet", errors);
    Fields.nonNegative(spec, "minReadySeconds", "spec.minReadySeconds", errors);
    strategy(spec.path("updateStrategy"), errors);
    Fields.nonNegative(spec, "revisionHistoryLimit", "spec.revisionHistoryLimit", errors);
  }

  @Override
  public void validateUpdate(ObjectNode old, ObjectNode object, FieldErrors errors) {
    ReplicaSetTemplate.selectorUnchanged(old, object, errors);
  }

  private static void strategy(JsonNode strategy, FieldErrors errors) {
    String type = strategy.path("type").asText("");
    if (type.equals("OnDelete")) {
      return;
    }
    boolean given = Fields.has(strategy, "rollingUpdate");
    if (!type.equals("RollingUpdate")) {
      errors.notSupported("spec.updateStrategy", GoStructs.strategy("apps.DaemonSetUpdateStrategy", type,
          "apps.RollingUpdateDaemonSet", given), STRATEGIES);
    } else if (!given) {
      errors.required("spec.updateStrategy.rollingUpdate", null);
    } else {
      String path = "spec.updateStrategy.rollingUpdate";
      JsonNode r = strategy.get("rollingUpdate");
      JsonNode unavailable = r.path("maxUnavailable");
      JsonNode surge = r.path("maxSurge");
      IntOrPercent.validatePositive(unavailable, path + ".maxUnavailable", errors);
      IntOrPercent.validatePositive(surge, path + ".maxSurge", errors);
      IntOrPercent.notMoreThan100Percent(unavailable, path + ".maxUnavailable", errors);
      IntOrPercent.notMoreThan100Percent(surge, path + ".maxSurge", errors);
      boolean hasUnavailable = IntOrPercent.value(unavailable) != 0;
      boolean hasSurge = IntOrPercent.value(surge) != 0;
      if (hasUnavailable && hasSurge) {
        errors.invalid(path + ".maxSurge", GoStructs.intOrString(surge), "may not be set when maxUnavailable is non-zero");
      } else if (!hasUnavailable && !hasSurge) {
        errors.required(path + ".maxUnavailable", "cannot be 0 when maxSurge is 0");
      }
    }
  }
}
