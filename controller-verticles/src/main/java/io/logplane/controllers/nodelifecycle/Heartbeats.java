package io.logplane.controllers.nodelifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import java.time.Instant;

/** What a node's Lease and conditions say of its agent's last sign of life, and the status written when it is silent. Pure. */
final class Heartbeats {

  private static final String[] CONDITIONS = {"Ready", "MemoryPressure", "DiskPressure", "PIDPressure"};

  private Heartbeats() {}

  /** The latest of the Lease's renewTime, the conditions' heartbeats and the node's creation. */
  static Instant last(JsonNode node, JsonNode lease) {
    Instant last = instant(Metadata.text(node, "creationTimestamp"));
    if (lease != null) {
      last = max(last, instant(lease.path("spec").path("renewTime").asText("")));
    }
    for (JsonNode c : node.path("status").path("conditions")) {
      last = max(last, instant(c.path("lastHeartbeatTime").asText("")));
    }
    return last;
  }

  /** The Ready condition's status, or null when the node has none. */
  static String ready(JsonNode node) {
    for (JsonNode c : node.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asText())) {
        return c.path("status").asText();
      }
    }
    return null;
  }

  /** The node with its four conditions Unknown, as the controller writes them for a silent kubelet. */
  static ObjectNode unknown(JsonNode node, Instant now) {
    ObjectNode next = node.deepCopy();
    ObjectNode status = next.get("status") instanceof ObjectNode s ? s : next.putObject("status");
    var conditions = status.withArray("conditions");
    for (String type : CONDITIONS) {
      ObjectNode c = null;
      for (JsonNode existing : conditions) {
        if (type.equals(existing.path("type").asText())) {
          c = (ObjectNode) existing;
        }
      }
      if (c == null) {
        c = conditions.addObject().put("type", type);
        // as kube's controller does: a condition the kubelet never posted beat last at the node's creation
        c.put("lastHeartbeatTime", Metadata.text(node, "creationTimestamp"));
      }
      if (!"Unknown".equals(c.path("status").asText())) {
        c.put("lastTransitionTime", Metadata.time(now.toEpochMilli()));
      }
      c.put("status", "Unknown").put("reason", "NodeStatusUnknown").put("message", "Kubelet stopped posting node status.");
    }
    return next;
  }

  /** The pod with Ready=False, or null when it is not ready already. */
  static ObjectNode podNotReady(JsonNode pod, Instant now) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
        ObjectNode next = pod.deepCopy();
        for (JsonNode n : next.path("status").path("conditions")) {
          if ("Ready".equals(n.path("type").asText())) {
            ((ObjectNode) n).put("status", "False").put("lastTransitionTime", Metadata.time(now.toEpochMilli()));
          }
        }
        return next;
      }
    }
    return null;
  }

  private static Instant instant(String s) {
    return s == null || s.isEmpty() ? Instant.EPOCH : Instant.parse(s);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
