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
  private static final String[][] CONDITIONS = {
      {"MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"},
      {"DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"},
      {"PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"},
      {"Ready", "True", "KubeletReady", "kubelet is posting ready status"}};

  private NodeObject() {}

  /** The Node to create: labels, pod CIDR and a first status. */
  public static ObjectNode registration(NodeIdentity id, Instant now) {
    ObjectNode node = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Node");
    ObjectNode meta = node.putObject("metadata").put("name", id.name());
    ObjectNode labels = meta.putObject("labels");
    id.labels().forEach(labels::put);
    meta.putObject("annotations").put("node.alpha.kubernetes.io/ttl", "0");
    ObjectNode spec = node.putObject("spec").put("podCIDR", id.podCidr());
    spec.putArray("podCIDRs").add(id.podCidr());
    node.set("status", status(id, JSON.createObjectNode(), now));
    return node;
  }

  /**
   * The status to report at {@code now}: resources, addresses, node info and the four
   * conditions with {@code now} as heartbeat; a condition keeps its transition time while its
   * status stays the same.
   */
  public static ObjectNode status(NodeIdentity id, JsonNode current, Instant now) {
    ObjectNode s = JSON.createObjectNode();
    ObjectNode capacity = s.putObject("capacity");
    id.capacity().forEach(capacity::put);
    s.set("allocatable", capacity.deepCopy());
    ArrayNode conditions = s.putArray("conditions");
    for (String[] c : CONDITIONS) {
      String since = Times.time(now);
      for (JsonNode old : current.path("conditions")) {
        if (c[0].equals(old.path("type").asText()) && c[1].equals(old.path("status").asText())
            && old.hasNonNull("lastTransitionTime")) {
          since = old.get("lastTransitionTime").asText();
        }
      }
      conditions.addObject().put("type", c[0]).put("status", c[1])
          .put("lastHeartbeatTime", Times.time(now)).put("lastTransitionTime", since)
          .put("reason", c[2]).put("message", c[3]);
    }
    ArrayNode addresses = s.putArray("addresses");
    addresses.addObject().put("type", "InternalIP").put("address", id.internalIp());
    addresses.addObject().put("type", "Hostname").put("address", id.name());
    s.putObject("daemonEndpoints").putObject("kubeletEndpoint").put("Port", 10250);
    s.putObject("nodeInfo")
        .put("machineID", id.name()).put("systemUUID", id.name()).put("bootID", id.name())
        .put("kernelVersion", id.kernelVersion()).put("osImage", id.osImage())
        .put("containerRuntimeVersion", id.runtimeVersion())
        .put("kubeletVersion", id.kubeletVersion()).put("kubeProxyVersion", id.kubeletVersion())
        .put("operatingSystem", "linux").put("architecture", "amd64");
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
