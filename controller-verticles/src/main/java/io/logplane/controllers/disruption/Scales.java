package io.logplane.controllers.disruption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import io.logplane.projections.informers.Informer;
import io.logplane.projections.informers.Informers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scale of the controllers of a budget's pods, as the disruption controller's finders read
 * it: a ReplicaSet's replicas (its Deployment's when a Deployment controls it), a StatefulSet's,
 * a ReplicationController's; each controller counted once.
 */
final class Scales {

  private final Informers informers;

  Scales(Informers informers) {
    this.informers = informers;
  }

  /** The summed scale, or null when a pod has no controller of a known kind (or it is gone). */
  Long total(List<ObjectNode> pods) {
    Map<String, Long> byUid = new HashMap<>();
    for (ObjectNode pod : pods) {
      JsonNode ref = controllerRef(pod);
      if (ref == null) {
        return null;
      }
      ObjectNode owner = owner(String.valueOf(Metadata.text(pod, "namespace")), ref);
      if (owner == null) {
        return null;
      }
      JsonNode top = controllerRef(owner);
      if (ref.path("kind").asText().equals("ReplicaSet") && top != null && top.path("kind").asText().equals("Deployment")) {
        ObjectNode deployment = owner(String.valueOf(Metadata.text(owner, "namespace")), top);
        if (deployment != null) {
          owner = deployment;
        }
      }
      byUid.put(Metadata.uid(owner), owner.path("spec").path("replicas").asLong(1));
    }
    return byUid.values().stream().mapToLong(Long::longValue).sum();
  }

  private ObjectNode owner(String ns, JsonNode ref) {
    String prefix = switch (ref.path("kind").asText()) {
      case "ReplicaSet" -> "apps/replicasets/";
      case "Deployment" -> "apps/deployments/";
      case "StatefulSet" -> "apps/statefulsets/";
      case "ReplicationController" -> "core/replicationcontrollers/";
      default -> null;
    };
    if (prefix == null) {
      return null;
    }
    Informer i = informers.informer(prefix);
    ObjectNode o = i.get(prefix + ns + "/" + ref.path("name").asText());
    return o != null && ref.path("uid").asText("").equals(String.valueOf(Metadata.uid(o))) ? o : null;
  }

  private static JsonNode controllerRef(JsonNode o) {
    for (JsonNode ref : Metadata.ownerReferences(o)) {
      if (ref.path("controller").asBoolean(false)) {
        return ref;
      }
    }
    return null;
  }
}
