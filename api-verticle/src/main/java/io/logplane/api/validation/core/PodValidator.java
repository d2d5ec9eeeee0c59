package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.Names;
import io.logplane.api.validation.PodSpecs;
import io.logplane.api.validation.internal.Tolerations;

/**
 * A Pod: its spec, and on update the few fields of a created pod that may change, as
 * ValidatePodUpdate allows them: container images, activeDeadlineSeconds (set, or lowered),
 * tolerations added, and terminationGracePeriodSeconds from negative to 1.
 */
final class PodValidator implements KindValidator {

  static final String UPDATABLE = "pod updates may not change fields other than `spec.containers[*].image`,"
      + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to"
      + " existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was"
      + " previously negative)";

  @Override
  public void validate(ObjectNode pod, FieldErrors errors) {
    JsonNode spec = pod.path("spec");
    PodSpecs.validate(spec, "spec", errors);
    for (String list : new String[] {"containers", "initContainers"}) {
      JsonNode cs = spec.path(list);
      for (int i = 0; i < cs.size(); i++) {
        String image = cs.get(i).path("image").asText("");
        if (!image.equals(image.strip())) {
          errors.invalid("spec." + list + "[" + i + "].image", image, "must not have leading or trailing whitespace");
        }
      }
    }
  }

  @Override
  public boolean updateRulesFirst() {
    return false;
  }

  @Override
  public void validateUpdate(ObjectNode old, ObjectNode pod, FieldErrors errors) {
    JsonNode oldSpec = old.path("spec");
    JsonNode spec = pod.path("spec");
    if (!sameCount(spec, oldSpec, "containers", errors) || !sameCount(spec, oldSpec, "initContainers", errors)) {
      return;
    }
    if (!activeDeadline(spec, oldSpec, errors)) {
      return;
    }
    if (!PodUpdates.onlyAddedTolerations(spec.path("tolerations"), oldSpec.path("tolerations"))) {
      errors.forbidden("spec.tolerations", "existing toleration can not be modified except its tolerationSeconds");
    } else {
      Tolerations.validate(spec.path("tolerations"), "spec.tolerations", errors);
    }
    if (PodUpdates.equal(spec, oldSpec)) {
      return;
    }
    // No "Pod QoS is immutable" check: kube makes it only with InPlacePodVerticalScaling, off in 1.28,
    // where a change of resources is refused with the other fields below.
    ObjectNode munged = PodUpdates.munge(spec, oldSpec);
    if (!PodUpdates.equal(munged, oldSpec)) {
      errors.forbidden("spec", UPDATABLE + "\n" + PodUpdates.diff(oldSpec, munged));
    }
  }

  private static boolean sameCount(JsonNode spec, JsonNode old, String list, FieldErrors errors) {
    if (spec.path(list).size() != old.path(list).size()) {
      errors.forbidden("spec." + list, "pod updates may not add or remove containers");
      return false;
    }
    JsonNode cs = spec.path(list);
    for (int i = 0; i < cs.size(); i++) {
      String image = cs.get(i).path("image").asText("");
      if (image.isEmpty()) {
        errors.required("spec." + list + "[" + i + "].image", null);
      }
      if (!image.equals(image.strip())) {
        errors.invalid("spec." + list + "[" + i + "].image", image, "must not have leading or trailing whitespace");
      }
    }
    return true;
  }

  /** Set from nothing, or lowered; never unset. False when the checks stop here, as there. */
  private static boolean activeDeadline(JsonNode spec, JsonNode old, FieldErrors errors) {
    String path = "spec.activeDeadlineSeconds";
    if (spec.hasNonNull("activeDeadlineSeconds")) {
      long v = spec.get("activeDeadlineSeconds").asLong();
      if (v < 0 || v > Integer.MAX_VALUE) {
        errors.invalid(path, v, Names.inclusiveRange(0, Integer.MAX_VALUE));
        return false;
      }
      if (old.hasNonNull("activeDeadlineSeconds") && old.get("activeDeadlineSeconds").asLong() < v) {
        errors.invalid(path, v, "must be less than or equal to previous value");
        return false;
      }
    } else if (old.hasNonNull("activeDeadlineSeconds")) {
      errors.invalid(path, null, "must not update from a positive integer to nil value");
    }
    return true;
  }
}
