package io.logplane.projections.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Key;
import io.logplane.projections.Quantity;
import io.logplane.projections.policy.Pods;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * kube-apiserver's LimitRanger admission on create, decided inside apply() where the
 * namespace's LimitRanges are: a pod's containers get the {@code Container} limits' default
 * requests and limits they do not state (noted in the {@code kubernetes.io/limit-ranger}
 * annotation), then every Container, Pod and PersistentVolumeClaim min, max and
 * maxLimitRequestRatio is checked, refusing with 403 and kube's message.
 */
public final class LimitRanges {

  static final String ANNOTATION = "kubernetes.io/limit-ranger";

  private LimitRanges() {}

  public static boolean applies(Key k) {
    return Pods.is(k) || k.group().equals("core") && k.resource().equals("persistentvolumeclaims");
  }

  /** Defaults the object (in place) and answers the Forbidden message that refuses it, or null. */
  public static String admit(Tx tx, Key key, ObjectNode object) {
    List<ObjectNode> ranges = new ArrayList<>();
    for (String k : PolicyIndex.keys(tx, "core", PolicyIndex.LIMIT_RANGES, key.namespace())) {
      ObjectNode r = tx.get(k);
      if (r != null) {
        ranges.add(r);
      }
    }
    if (ranges.isEmpty()) {
      return null;
    }
    boolean pod = Pods.is(key);
    if (pod) {
      ranges.forEach(r -> ContainerDefaults.apply(r, object));
    }
    for (ObjectNode r : ranges) {
      List<String> errors = pod ? podErrors(r, object) : claimErrors(r, object);
      if (!errors.isEmpty()) {
        String m = errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
        return key.qualifiedResource() + " \"" + key.name() + "\" is forbidden: " + m;
      }
    }
    return null;
  }

  private static List<String> podErrors(ObjectNode range, ObjectNode pod) {
    List<String> errors = new ArrayList<>();
    for (JsonNode limit : range.path("spec").path("limits")) {
      String type = limit.path("type").asText();
      if (type.equals("Container")) {
        for (String list : new String[] {"containers", "initContainers"}) {
          for (JsonNode c : pod.path("spec").path(list)) {
            check(type, limit, amounts(c.path("resources").path("requests")),
                amounts(c.path("resources").path("limits")), errors);
          }
        }
      } else if (type.equals("Pod")) {
        check(type, limit, Pods.requests(pod), Pods.limits(pod), errors);
      }
    }
    return errors;
  }

  private static List<String> claimErrors(ObjectNode range, ObjectNode claim) {
    List<String> errors = new ArrayList<>();
    Map<String, Quantity> requests = amounts(claim.path("spec").path("resources").path("requests"));
    for (JsonNode limit : range.path("spec").path("limits")) {
      if (limit.path("type").asText().equals("PersistentVolumeClaim")) {
        sorted(limit.path("min")).forEach((r, min) -> Constraints.min(limit, r, min, requests, Map.of(), errors));
        sorted(limit.path("max")).forEach((r, max) -> Constraints.maxRequest(limit, r, max, requests, errors));
      }
    }
    return errors;
  }

  private static void check(String type, JsonNode limit, Map<String, Quantity> requests, Map<String, Quantity> limits,
      List<String> errors) {
    sorted(limit.path("min")).forEach((r, v) -> Constraints.min(limit, r, v, requests, limits, errors));
    sorted(limit.path("max")).forEach((r, v) -> Constraints.max(limit, r, v, requests, limits, errors));
    sorted(limit.path("maxLimitRequestRatio")).forEach((r, v) ->
        Constraints.ratio(limit, r, v, requests, limits, errors));
  }

  static Map<String, JsonNode> sorted(JsonNode o) {
    Map<String, JsonNode> m = new TreeMap<>();
    o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
    return m;
  }

  static Map<String, Quantity> amounts(JsonNode o) {
    Map<String, Quantity> m = new TreeMap<>();
    o.fields().forEachRemaining(e -> m.put(e.getKey(), Quantity.of(e.getValue())));
    return m;
  }
}
