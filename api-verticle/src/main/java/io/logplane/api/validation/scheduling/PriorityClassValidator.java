package io.logplane.api.validation.scheduling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.Validators;
import java.util.List;
import java.util.Map;

/**
 * As kube's ValidatePriorityClass: user classes are at most one billion and not named
 * {@code system-}; the two system classes keep their fixed values; preemptionPolicy is one of
 * two; value and preemptionPolicy never change.
 */
public final class PriorityClassValidator implements KindValidator {

  static final long HIGHEST_USER_DEFINABLE = 1_000_000_000L;
  /** The system classes Kubernetes ships, with their values. */
  public static final Map<String, Long> SYSTEM = Map.of("system-node-critical", 2_000_001_000L,
      "system-cluster-critical", 2_000_000_000L);
  private static final List<String> POLICIES = List.of("Never", "PreemptLowerPriority");

  public static void register() {
    Validators.register("scheduling.k8s.io", "priorityclasses", new PriorityClassValidator());
  }

  @Override
  public void validate(ObjectNode pc, FieldErrors errors) {
    String name = pc.path("metadata").path("name").asText("");
    long value = pc.path("value").asLong(0);
    Long system = SYSTEM.get(name);
    if (system != null) {
      if (value != system) {
        errors.forbidden("metadata.name", "maximum allowed value of a user defined priority is "
            + HIGHEST_USER_DEFINABLE);
      }
    } else if (name.startsWith("system-")) {
      errors.forbidden("metadata.name", "priority class names with 'system-' prefix are reserved");
    } else if (value > HIGHEST_USER_DEFINABLE) {
      errors.forbidden("value", "maximum allowed value of a user defined priority is " + HIGHEST_USER_DEFINABLE);
    }
    JsonNode policy = pc.get("preemptionPolicy");
    if (policy != null && !POLICIES.contains(policy.asText())) {
      errors.notSupported("preemptionPolicy", policy.asText(), POLICIES);
    }
  }

  @Override
  public void validateUpdate(ObjectNode old, ObjectNode pc, FieldErrors errors) {
    if (!old.path("value").equals(pc.path("value"))) {
      errors.forbidden("value", "may not be changed in an update.");
    }
    if (!old.path("preemptionPolicy").equals(pc.path("preemptionPolicy"))) {
      errors.invalid("preemptionPolicy", pc.path("preemptionPolicy").asText(), "field is immutable");
    }
  }
}
