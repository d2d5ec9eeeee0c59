package io.logplane.projections.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Key;

/**
 * kube-apiserver's Priority admission, decided where the PriorityClasses are: a new pod's
 * {@code priorityClassName} resolves to its {@code spec.priority} and {@code preemptionPolicy}
 * from the class as it is at the pod's offset (no race with the class's deletion); an unknown
 * class refuses the pod, and so does a priority given that differs from the class's. A pod
 * without a class gets priority 0 (global default classes are not looked up yet).
 */
public final class PodPriority {

  static final String CLASSES = "scheduling.k8s.io/priorityclasses//";

  private PodPriority() {}

  public static boolean isPod(Key k) {
    return k.group().equals("core") && k.resource().equals("pods");
  }

  /** Sets the pod's priority (in place); answers the Forbidden message that refuses it, or null. */
  public static String resolve(Tx tx, Key key, ObjectNode pod) {
    if (!(pod.get("spec") instanceof ObjectNode spec)) {
      return null;
    }
    String name = spec.path("priorityClassName").asText("");
    long value = 0;
    String policy = "PreemptLowerPriority";
    if (!name.isEmpty()) {
      ObjectNode pc = tx.get(CLASSES + name);
      if (pc == null) {
        return "pods \"" + key.name() + "\" is forbidden: no PriorityClass with name " + name + " was found";
      }
      value = pc.path("value").asLong(0);
      policy = pc.path("preemptionPolicy").asText(policy);
    }
    JsonNode given = spec.get("priority");
    if (given != null && !given.isNull() && given.asLong() != value) {
      return "pods \"" + key.name() + "\" is forbidden: the integer value of priority (" + given.asLong()
          + ") must not be provided in pod spec; priority admission controller computed " + value
          + " from the given PriorityClass name";
    }
    spec.put("priority", value);
    if (!name.isEmpty()) {
      spec.put("preemptionPolicy", policy);
    }
    return null;
  }
}
