package io.logplane.projections.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.Key;
import io.logplane.projections.Quantity;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the policies read of a pod: its requests and limits as kube's PodRequests sums them (the
 * containers added up, then the larger of that and each init container), whether it is
 * terminal, ready, and in a quota scope.
 */
public final class Pods {

  private Pods() {}

  public static boolean is(Key k) {
    return k.group().equals("core") && k.resource().equals("pods");
  }

  public static boolean terminal(JsonNode pod) {
    String phase = pod.path("status").path("phase").asText("");
    return phase.equals("Succeeded") || phase.equals("Failed");
  }

  /** The pod's Ready condition is True. */
  public static boolean ready(JsonNode pod) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        return c.path("status").asText().equals("True");
      }
    }
    return false;
  }

  public static Map<String, Quantity> requests(JsonNode pod) {
    return sum(pod, "requests");
  }

  public static Map<String, Quantity> limits(JsonNode pod) {
    return sum(pod, "limits");
  }

  private static Map<String, Quantity> sum(JsonNode pod, String field) {
    Map<String, Quantity> total = new TreeMap<>();
    for (JsonNode c : pod.path("spec").path("containers")) {
      c.path("resources").path(field).fields().forEachRemaining(e ->
          total.merge(e.getKey(), Quantity.of(e.getValue()), Quantity::plus));
    }
    for (JsonNode c : pod.path("spec").path("initContainers")) {
      c.path("resources").path(field).fields().forEachRemaining(e ->
          total.merge(e.getKey(), Quantity.of(e.getValue()), Quantity::max));
    }
    pod.path("spec").path("overhead").fields().forEachRemaining(e ->
        total.computeIfPresent(e.getKey(), (k, a) -> a.plus(Quantity.of(e.getValue()))));
    return total;
  }

  /** BestEffort QoS: no container requests or limits cpu or memory. */
  static boolean bestEffort(JsonNode pod) {
    for (String list : new String[] {"containers", "initContainers"}) {
      for (JsonNode c : pod.path("spec").path(list)) {
        for (String f : new String[] {"requests", "limits"}) {
          JsonNode r = c.path("resources").path(f);
          if (r.has("cpu") || r.has("memory")) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Whether the pod is in a quota scope, as the pod evaluator's podMatchesScopeFunc decides. */
  static boolean inScope(JsonNode pod, String scope, String operator, JsonNode values) {
    JsonNode deadline = pod.path("spec").get("activeDeadlineSeconds");
    boolean terminating = deadline != null && !deadline.isNull() && deadline.asLong() >= 0;
    return switch (scope) {
      case "Terminating" -> terminating;
      case "NotTerminating" -> !terminating;
      case "BestEffort" -> bestEffort(pod);
      case "NotBestEffort" -> !bestEffort(pod);
      case "PriorityClass" -> priorityClass(pod.path("spec").path("priorityClassName").asText(""), operator, values);
      case "CrossNamespacePodAffinity" -> false;
      default -> false;
    };
  }

  private static boolean priorityClass(String name, String operator, JsonNode values) {
    boolean listed = false;
    if (values != null) {
      for (JsonNode v : values) {
        listed |= v.asText().equals(name);
      }
    }
    return switch (operator) {
      case "In" -> listed;
      case "NotIn" -> !listed;
      case "Exists" -> !name.isEmpty();
      case "DoesNotExist" -> name.isEmpty();
      default -> false;
    };
  }
}
