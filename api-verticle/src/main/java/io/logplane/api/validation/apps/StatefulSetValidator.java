package io.logplane.api.validation.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.Labels;
import io.logplane.api.validation.workloads.Controllers;
import io.logplane.api.validation.workloads.Fields;
import io.logplane.api.validation.workloads.GoStructs;
import java.util.List;

/**
 * A StatefulSet ({@code ValidateStatefulSetSpec}). As in kube 1.28 its template's pod spec is
 * not validated, only the template's labels and annotations; on update only replicas,
 * ordinals, template, updateStrategy, the PVC retention policy and minReadySeconds may change.
 */
final class StatefulSetValidator implements KindValidator {

  private static final List<String> RETENTION = List.of("Retain", "Delete");
  private static final List<String> MUTABLE = List.of("replicas", "ordinals", "template", "updateStrategy",
      "persistentVolumeClaimRetentionPolicy", "minReadySeconds");

  @Override
  public void validate(ObjectNode object, FieldErrors errors) {
    JsonNode spec = object.path("spec");
    String policy = spec.path("podManagementPolicy").asText("");
    if (policy.isEmpty()) {
      errors.required("spec.podManagementPolicy", null);
    } else if (!policy.equals("OrderedReady") && !policy.equals("Parallel")) {
      errors.invalid("spec.podManagementPolicy", policy, "must be 'OrderedReady' or 'Parallel'");
    }
    StatefulSetStrategy.validate(spec.path("updateStrategy"), errors);
    JsonNode retention = spec.path("persistentVolumeClaimRetentionPolicy");
    for (String f : List.of("whenDeleted", "whenScaled")) {
      if (Fields.has(retention, f) && !RETENTION.contains(retention.get(f).asText())) {
        errors.notSupported("spec.persistentVolumeClaimRetentionPolicy." + f, retention.get(f).asText(), RETENTION);
      }
    }
    Fields.nonNegative(spec, "replicas", "spec.replicas", errors);
    Fields.nonNegative(spec, "minReadySeconds", "spec.minReadySeconds", errors);
    Fields.nonNegative(spec.path("ordinals"), "start", "spec.ordinals.start", errors);
    Controllers.requiredSelector(spec, "statefulset", errors);
    JsonNode template = spec.path("template");
    Controllers.asSelector(spec.get("selector")).ifPresentOrElse(selector -> {
      Controllers.templateMatches(selector, template, errors);
      Labels.validate(template.path("metadata").path("labels"), "spec.template.labels", errors);
      Labels.validateAnnotations(template.path("metadata").path("annotations"), "spec.template.annotations", errors);
    }, () -> errors.invalid("spec.selector", GoStructs.labelSelector(spec.get("selector")), ""));
    Controllers.restartPolicy(template, "spec.template", List.of("Always"), errors);
    Controllers.noActiveDeadline(template, "spec.template", "StatefulSet", errors);
  }

  @Override
  public void validateUpdate(ObjectNode old, ObjectNode object, FieldErrors errors) {
    ObjectNode before = old.path("spec").deepCopy();
    ObjectNode after = object.path("spec").isObject() ? object.path("spec").deepCopy() : before.objectNode();
    before.remove(MUTABLE);
    after.remove(MUTABLE);
    if (!Fields.same(before, after)) {
      errors.forbidden("spec", "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template',"
          + " 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
    }
  }
}
