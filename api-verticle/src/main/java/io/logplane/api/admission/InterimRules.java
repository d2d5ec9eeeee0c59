package io.logplane.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.resources.ResourceType;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.PodSpecs;
import java.util.Iterator;
import java.util.Map;

/**
 * The few checks of the workload kinds that stand until each has its own validator in
 * {@link io.logplane.api.validation.Validators}; a registered validator replaces them.
 */
final class InterimRules {

  private InterimRules() {}

  static void check(ResourceType type, ObjectNode o, FieldErrors errors) {
    switch (type.group() + "/" + type.kind()) {
      case "apps/Deployment", "apps/ReplicaSet", "apps/StatefulSet", "apps/DaemonSet" -> workload(o.path("spec"), errors);
      case "batch/Job" ->
          PodSpecs.validate(o.path("spec").path("template").path("spec"), "spec.template.spec", errors);
      case "batch/CronJob" -> {
        if (o.path("spec").path("schedule").asText("").isEmpty()) {
          errors.required("spec.schedule", null);
        }
        PodSpecs.validate(o.path("spec").path("jobTemplate").path("spec").path("template").path("spec"),
            "spec.jobTemplate.spec.template.spec", errors);
      }
      default -> { }
    }
  }

  private static void workload(JsonNode spec, FieldErrors errors) {
    JsonNode selector = spec.path("selector");
    if (selector.isMissingNode() || selector.isNull() || selector.isEmpty()) {
      errors.required("spec.selector", null);
    } else {
      JsonNode labels = spec.path("template").path("metadata").path("labels");
      for (Iterator<Map.Entry<String, JsonNode>> it = selector.path("matchLabels").fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
          errors.invalid("spec.template.metadata.labels", labels, "`selector` does not match template `labels`");
          break;
        }
      }
    }
    PodSpecs.validate(spec.path("template").path("spec"), "spec.template.spec", errors);
  }
}
