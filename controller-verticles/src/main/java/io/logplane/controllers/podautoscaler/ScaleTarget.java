package io.logplane.controllers.podautoscaler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import io.logplane.selectors.LabelSelector;
import java.util.Map;

/**
 * The kinds an HPA can scale and their scale subresource as the API serves it: {@code spec.replicas}
 * and the selector of the target, and the target with only {@code spec.replicas} changed, which is
 * what a write of {@code /scale} stores.
 */
record ScaleTarget(String kind, String resource, String prefix) {

  private static final Map<String, ScaleTarget> KINDS = Map.of(
      "Deployment", new ScaleTarget("Deployment", "deployments.apps", "apps/deployments/"),
      "ReplicaSet", new ScaleTarget("ReplicaSet", "replicasets.apps", "apps/replicasets/"),
      "StatefulSet", new ScaleTarget("StatefulSet", "statefulsets.apps", "apps/statefulsets/"),
      "ReplicationController", new ScaleTarget("ReplicationController", "replicationcontrollers",
          "core/replicationcontrollers/"));

  /** The storage prefixes of every scalable kind. */
  static Iterable<ScaleTarget> all() {
    return KINDS.values();
  }

  /** The target kind of a {@code scaleTargetRef}, or null when it has no scale subresource here. */
  static ScaleTarget of(JsonNode ref) {
    return KINDS.get(ref.path("kind").asText());
  }

  String key(String namespace, String name) {
    return prefix + namespace + "/" + name;
  }

  static int replicas(JsonNode target) {
    return target.path("spec").path("replicas").asInt(1);
  }

  /** The pods' selector; a ReplicationController's is a map, defaulting to its template's labels. */
  LabelSelector selector(JsonNode target) {
    JsonNode s = target.path("spec").get("selector");
    if (!kind.equals("ReplicationController")) {
      return s == null || s.isNull() ? null : LabelSelector.fromJson(s);
    }
    if (s == null || s.isNull() || s.isEmpty()) {
      s = target.path("spec").path("template").path("metadata").path("labels");
    }
    if (s.isMissingNode() || s.isEmpty()) {
      return null;
    }
    ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
    wrapped.set("matchLabels", s);
    return LabelSelector.fromJson(wrapped);
  }

  /** The target scaled to {@code replicas}, at the version read, as an update of its scale. */
  static ObjectNode scaled(ObjectNode target, int replicas) {
    ObjectNode next = Metadata.withOwnMetadata(target);
    ObjectNode spec = ((ObjectNode) target.get("spec")).deepCopy();
    spec.put("replicas", replicas);
    next.set("spec", spec);
    return next;
  }
}
