package io.logplane.api.validation.apps;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.PodTemplates;
import io.logplane.api.validation.workloads.Controllers;
import io.logplane.api.validation.workloads.Fields;
import io.logplane.api.validation.workloads.GoStructs;
import java.util.List;

/**
 * The spec part a Deployment shares with a ReplicaSet ({@code ValidateReplicaSetSpec}'s
 * selector and {@code ValidatePodTemplateSpecForReplicaSet}); {@code kind} names the kind in
 * the empty-selector message, which kube words "deployment" for both.
 */
final class ReplicaSetTemplate {

  private ReplicaSetTemplate() {}

  static void validate(JsonNode spec, FieldErrors errors) {
    Controllers.requiredSelector(spec, "deployment", errors);
    JsonNode template = spec.path("template");
    Controllers.asSelector(spec.get("selector")).ifPresentOrElse(selector -> {
      Controllers.templateMatches(selector, template, errors);
      PodTemplates.validate(template, "spec.template", errors);
      Controllers.restartPolicy(template, "spec.template", List.of("Always"), errors);
      Controllers.noActiveDeadline(template, "spec.template", "ReplicaSet", errors);
    }, () -> errors.invalid("spec.selector", GoStructs.labelSelector(spec.get("selector")), "invalid label selector"));
  }

  /** apps/v1 refuses any change of the selector. */
  static void selectorUnchanged(JsonNode old, JsonNode now, FieldErrors errors) {
    JsonNode selector = now.path("spec").get("selector");
    Fields.immutable(old.path("spec").get("selector"), selector, "spec.selector", GoStructs.labelSelector(selector),
        errors);
  }
}
