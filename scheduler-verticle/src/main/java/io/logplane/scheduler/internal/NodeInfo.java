package io.logplane.scheduler.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node with the pods bound or assumed on it and their sums (kube's {@code NodeInfo}). The
 * cache changes it under its lock; the plugins read it during a cycle under the same lock.
 */
public final class NodeInfo {

  public final String name;
  /**
   * Where {@link StaticFits} keeps what the static filters said of this node: set by the cache
   * while the node is in it, shared by its copies; -1 for a node no cache holds.
   */
  public int slot = -1;
  private ObjectNode node;
  private JsonNode labels;
  private final ObjectNode nameAsFields;
  public Resources allocatable = new Resources();
  public List<Taint> taints = List.of();
  public boolean unschedulable;
  /** The status of the Ready condition: True, False or Unknown (no condition yet). */
  public String ready = "Unknown";
  public final Map<String, PodInfo> pods = new LinkedHashMap<>();
  public final Resources requested = new Resources();
  public final Resources nonZeroRequested = new Resources();
  /** Pods here with affinity terms of any kind: the only ones inter-pod affinity looks at. */
  public final List<PodInfo> podsWithAffinity = new ArrayList<>();

  public NodeInfo(String name) {
    this.name = name;
    this.nameAsFields = JsonNodeFactory.instance.objectNode().put("metadata.name", name);
    this.labels = JsonNodeFactory.instance.objectNode();
  }

  /** A node parsed from its object, with no pods. */
  public static NodeInfo of(ObjectNode node) {
    NodeInfo n = new NodeInfo(Metadata.text(node, "name"));
    n.setNode(node);
    return n;
  }

  /** A copy to change in a what-if (preemption's dry run, nominated pods added): the same node, the same pods. */
  public NodeInfo copy() {
    NodeInfo c = new NodeInfo(name);
    c.slot = slot;
    if (node != null) {
      c.setNode(node);
    }
    pods.values().forEach(c::addPod);
    return c;
  }

  public void setNode(ObjectNode node) {
    this.node = node;
    labels = node.path("metadata").path("labels");
    JsonNode status = node.path("status");
    allocatable = Resources.of(status.path("allocatable").isObject() ? status.path("allocatable")
        : status.path("capacity"));
    taints = Taint.of(node.path("spec").path("taints"));
    unschedulable = node.path("spec").path("unschedulable").asBoolean(false);
    ready = "Unknown";
    for (JsonNode c : status.path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        ready = c.path("status").asText("Unknown");
      }
    }
  }

  public ObjectNode node() {
    return node;
  }

  public JsonNode labels() {
    return labels;
  }

  public String label(String key) {
    JsonNode v = labels.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  JsonNode nameAsFields() {
    return nameAsFields;
  }

  public void addPod(PodInfo pod) {
    PodInfo old = pods.put(pod.uid, pod);
    if (old != null) {
      account(old, -1);
    }
    account(pod, 1);
  }

  public void removePod(String uid) {
    PodInfo old = pods.remove(uid);
    if (old != null) {
      account(old, -1);
    }
  }

  private void account(PodInfo pod, int sign) {
    requested.add(pod.requests, sign);
    nonZeroRequested.add(pod.nonZeroRequests, sign);
    if (pod.hasAffinity()) {
      if (sign > 0) {
        podsWithAffinity.add(pod);
      } else {
        podsWithAffinity.remove(pod);
      }
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
