package io.logplane.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.resources.ResourceType;

/**
 * What a kind's registry strategy resets in a new version before validating it
 * ({@code PrepareForUpdate}): fields a write to the object itself may not change, kept as they
 * were instead of refused.
 */
public final class UpdateStrategies {

  private UpdateStrategies() {}

  /** Resets what {@code object}, the new version of {@code old}, may not change. */
  public static void prepare(ResourceType type, ObjectNode old, ObjectNode object) {
    if (type.group().isEmpty() && type.resource().equals("pods") && object.get("spec") instanceof ObjectNode spec) {
      // As the Priority admission on update: the priority resolved at creation stays.
      for (String f : new String[] {"priority", "preemptionPolicy"}) {
        JsonNode was = old.path("spec").get(f);
        if (was != null) {
          spec.set(f, was.deepCopy());
        }
      }
    }
    if (type.group().isEmpty() && type.resource().equals("namespaces")) {
      // A namespace's finalizers change through its finalize subresource only.
      JsonNode finalizers = old.path("spec").get("finalizers");
      ObjectNode spec = object.get("spec") instanceof ObjectNode s ? s : object.putObject("spec");
      if (finalizers == null) {
        spec.remove("finalizers");
      } else {
        spec.set("finalizers", finalizers.deepCopy());
      }
    }
  }
}
