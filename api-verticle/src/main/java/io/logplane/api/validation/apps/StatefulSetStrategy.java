package io.logplane.api.validation.apps;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.workloads.Fields;
import io.logplane.api.validation.workloads.GoStructs;

/** A StatefulSet's updateStrategy: RollingUpdate (partition, maxUnavailable) or OnDelete. */
final class StatefulSetStrategy {

  private static final String PATH = "spec.updateStrategy";

  private StatefulSetStrategy() {}

  static void validate(JsonNode strategy, FieldErrors errors) {
    String type = strategy.path("type").asText("");
    boolean rolling = Fields.has(strategy, "rollingUpdate");
    switch (type) {
      case "" -> errors.required(PATH, null);
      case "OnDelete" -> {
        if (rolling) {
          errors.invalid(PATH + ".rollingUpdate", new GoStructs.Text("&apps.RollingUpdateStatefulSetStrategy{...}"),
              "only allowed for updateStrategy 'RollingUpdate'");
        }
      }
      case "RollingUpdate" -> {
        if (rolling) {
          rollingUpdate(strategy.get("rollingUpdate"), errors);
        }
      }
      default -> errors.invalid(PATH, GoStructs.strategy("apps.StatefulSetUpdateStrategy", type,
          "apps.RollingUpdateStatefulSetStrategy", rolling), "must be 'RollingUpdate' or 'OnDelete'");
    }
  }

  private static void rollingUpdate(JsonNode r, FieldErrors errors) {
    String path = PATH + ".rollingUpdate";
    Fields.nonNegative(r, "partition", path + ".partition", errors);
    // maxUnavailable is behind the MaxUnavailableStatefulSet gate, off in 1.28: kube-apiserver
    // drops the field before validating, so no value of it is refused.
  }
}
