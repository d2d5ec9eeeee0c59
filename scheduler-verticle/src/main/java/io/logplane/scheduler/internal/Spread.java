package io.logplane.scheduler.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.selectors.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A topology spread constraint: how far the count of matching pods in one domain of the
 * topology key may exceed the least-loaded domain's. DoNotSchedule ones filter, ScheduleAnyway
 * ones only score. With fewer domains than minDomains, the smallest count is taken as 0.
 */
public record Spread(int maxSkew, String topologyKey, boolean doNotSchedule, int minDomains,
    Predicate<PodInfo> matches) {

  public static final String HOSTNAME = "kubernetes.io/hostname";
  public static final String ZONE = "topology.kubernetes.io/zone";

  public static List<Spread> of(JsonNode constraints, String namespace) {
    List<Spread> list = new ArrayList<>();
    for (JsonNode c : constraints) {
      LabelSelector selector;
      try {
        selector = LabelSelector.fromJson(c.get("labelSelector"));
      } catch (RuntimeException e) {
        selector = LabelSelector.nothing();
      }
      LabelSelector s = selector;
      list.add(new Spread(Math.max(1, c.path("maxSkew").asInt(1)), c.path("topologyKey").asText(),
          !c.path("whenUnsatisfiable").asText().equals("ScheduleAnyway"), c.path("minDomains").asInt(1),
          p -> p.namespace.equals(namespace) && s.matches(p.labels)));
    }
    return list;
  }

  /**
   * kube's system default spreading (hostname skew 3, zone skew 5, ScheduleAnyway) for a pod a
   * ReplicaSet, StatefulSet or ReplicationController owns. kube selects the siblings by the
   * owners' selectors; the pods of the same controller (by its uid) are those siblings.
   */
  public static List<Spread> systemDefault(PodInfo pod) {
    if (pod.controllerUid == null || !List.of("ReplicaSet", "StatefulSet", "ReplicationController")
        .contains(pod.controllerKind)) {
      return List.of();
    }
    String uid = pod.controllerUid;
    Predicate<PodInfo> siblings = p -> uid.equals(p.controllerUid);
    return List.of(new Spread(3, HOSTNAME, false, 1, siblings), new Spread(5, ZONE, false, 1, siblings));
  }
}
