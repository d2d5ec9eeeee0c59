package io.logplane.node.internal.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The Node a kubelet registers and the status it reports, as pure functions of the node's
 * identity, what the server holds and the time.
 */
public final class NodeObject {
  public static final ObjectMapper JSON = new ObjectMapper();
  /** The kubelet version nodes report. */
  public static final String KUBELET_VERSION = "v1.28.7-logplane";

  private NodeObject() {}

  /** The Node to create: labels, pod CIDR and a first status from the identity's facts. */
  public static ObjectNode registration(NodeIdentity id, Instant now) {
    return registration(id, NodeFacts.of(id), now);
  }

  /** The Node to create: labels, the pod CIDR it was told to take if any, and a first status from {@code facts}. */
  public static ObjectNode registration(NodeIdentity id, NodeFacts facts, Instant now) {
    ObjectNode node = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Node");
    ObjectNode meta = node.putObject("metadata").put("name", id.name());
    ObjectNode labels = meta.putObject("labels");
    id.labels().forEach(labels::put);
    meta.putObject("annotations").put("node.alpha.kubernetes.io/ttl", "0");
    ObjectNode spec = node.putObject("spec");
    if (id.podCidr() != null) {
      spec.put("podCIDR", id.podCidr()).putArray("podCIDRs").add(id.podCidr());
    }
    node.set("status", status(facts, JSON.createObjectNode(), now));
    return node;
  }

  /** The status to report at {@code now} from the identity's fixed facts. */
  public static ObjectNode status(NodeIdentity id, JsonNode current, Instant now) {
    return status(NodeFacts.of(id), current, now);
  }

  /**
   * The status to report at {@code now}: resources, addresses, node info and the conditions
   * with {@code now} as heartbeat; a condition keeps its transition time while its status stays
   * the same.
   */
  public static ObjectNode status(NodeFacts facts, JsonNode current, Instant now) {
    ObjectNode s = JSON.createObjectNode();
    ObjectNode capacity = s.putObject("capacity");
    facts.capacity().forEach(capacity::put);
    ObjectNode allocatable = s.putObject("allocatable");
    facts.allocatable().forEach(allocatable::put);
    ArrayNode conditions = s.putArray("conditions");
    for (NodeFacts.Condition c : facts.conditions()) {
      String since = Times.time(now);
      for (JsonNode old : current.path("conditions")) {
        if (c.type().equals(old.path("type").asText())
            && c.status().equals(old.path("status").asText())
            && old.hasNonNull("lastTransitionTime")) {
          since = old.get("lastTransitionTime").asText();
        }
      }
      conditions.addObject().put("type", c.type()).put("status", c.status())
          .put("lastHeartbeatTime", Times.time(now)).put("lastTransitionTime", since)
          .put("reason", c.reason()).put("message", c.message());
    }
    ArrayNode addresses = s.putArray("addresses");
    facts.addresses().forEach(a -> addresses.addObject().put("type", a.type())
        .put("address", a.address()));
    s.putObject("daemonEndpoints").putObject("kubeletEndpoint").put("Port", facts.port());
    NodeFacts.NodeInfo i = facts.nodeInfo();
    s.putObject("nodeInfo")
        .put("machineID", i.machineID()).put("systemUUID", i.systemUUID())
        .put("bootID", i.bootID()).put("kernelVersion", i.kernelVersion())
        .put("osImage", i.osImage()).put("containerRuntimeVersion", i.containerRuntimeVersion())
        .put("kubeletVersion", i.kubeletVersion()).put("kubeProxyVersion", i.kubeProxyVersion())
        .put("operatingSystem", "linux").put("architecture", "amd64");
    if (!facts.images().isEmpty()) {
      ArrayNode images = s.putArray("images");
      for (NodeFacts.Image image : facts.images()) {
        ObjectNode o = images.addObject();
        image.names().forEach(o.putArray("names")::add);
        o.put("sizeBytes", image.sizeBytes());
      }
    }
    return s;
  }

  /** The pod CIDR the Node holds, or null when none was given. */
  public static String podCidr(JsonNode node) {
    String cidr = node.path("spec").path("podCIDR").asText("");
    return cidr.isEmpty() ? null : cidr;
  }

  /**
   * Whether the status the server holds differs from the one to report, heartbeat times
   * aside: the kubelet reports a change at once and otherwise every few minutes.
   */
  public static boolean changed(JsonNode held, JsonNode wanted) {
    return !withoutHeartbeats(held).equals(withoutHeartbeats(wanted));
  }

  private static JsonNode withoutHeartbeats(JsonNode status) {
    JsonNode copy = status.deepCopy();
    for (JsonNode c : copy.path("conditions")) {
      if (c instanceof ObjectNode o) {
        o.remove("lastHeartbeatTime");
      }
    }
    return copy;
  }
}
