package io.logplane.controllers.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.selectors.LabelSelector;

/**
 * The kind a {@link ReplicaSetController} runs for: a ReplicaSet (a {@code metav1.LabelSelector})
 * or a ReplicationController (a plain map of labels, defaulting to the template's), each with
 * its service account, as kube runs one controller code for both.
 */
public record ReplicaSetKind(String name, String prefix, String apiVersion, String kind, String account,
    boolean mapSelector) {

  public static final ReplicaSetKind REPLICA_SET = new ReplicaSetKind("replicaset", "apps/replicasets/",
      "apps/v1", "ReplicaSet", "replicaset-controller", false);
  public static final ReplicaSetKind REPLICATION_CONTROLLER = new ReplicaSetKind("replicationcontroller",
      "core/replicationcontrollers/", "v1", "ReplicationController", "replication-controller", true);

  /** The selector of one of its objects; a {@link io.logplane.selectors.SelectorException} when invalid. */
  public LabelSelector selector(JsonNode object) {
    JsonNode s = object.path("spec").get("selector");
    if (!mapSelector) {
      return LabelSelector.fromJson(s);
    }
    if (s == null || s.isNull() || s.isEmpty()) {
      s = object.path("spec").path("template").path("metadata").path("labels");
    }
    if (s == null || s.isMissingNode() || s.isEmpty()) {
      return LabelSelector.nothing();
    }
    ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
    wrapped.set("matchLabels", s);
    return LabelSelector.fromJson(wrapped);
  }
}
