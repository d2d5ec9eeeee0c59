package io.logplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.kubeclient.KubeClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The fake nodes of the scheduler scenario, in the shape of scheduler_perf's node-default:
 * 4 cpu, 32Gi and 110 pods allocatable, Ready, spread over a few zones. Nothing runs on them:
 * they are labelled, to be found and deleted, and tainted NoSchedule, so that only the bench's
 * pods (which tolerate the taint) land there. They come with a pod CIDR (one for all, of the
 * shared address space: no pod gets an address there), so a node IPAM controller has nothing to
 * write for them, as in a kube-controller-manager without {@code --allocate-node-cidrs}, the
 * reference's default.
 */
final class FakeNodes {
  static final String LABEL = "bench.logplane.io/fake";
  static final String PREFIX = "bench-node-";
  static final List<String> ZONES = List.of("zone-a", "zone-b", "zone-c");
  /** The label selector of the fake nodes, URL-encoded. */
  static final String SELECTOR = "labelSelector=bench.logplane.io%2Ffake%3Dtrue";
  /** The label selector of every other node, URL-encoded. */
  static final String OTHERS = "labelSelector=%21bench.logplane.io%2Ffake";
  static final String POD_CIDR = "100.64.0.0/24";

  private FakeNodes() {}

  /** A fake node; its Ready condition's heartbeat is {@code now}. */
  static String node(String name, String zone, Instant now) {
    String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode node = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Node");
    node.putObject("metadata").put("name", name).putObject("labels").put(LABEL, "true")
        .put("topology.kubernetes.io/zone", zone).put("kubernetes.io/os", "linux");
    ObjectNode spec = node.putObject("spec").put("podCIDR", POD_CIDR);
    spec.putArray("podCIDRs").add(POD_CIDR);
    spec.putArray("taints").addObject()
        .put("key", LABEL).put("value", "true").put("effect", "NoSchedule");
    ObjectNode status = node.putObject("status");
    for (String field : new String[] {"capacity", "allocatable"}) {
      status.putObject(field).put("cpu", "4").put("memory", "32Gi").put("pods", "110");
    }
    status.putArray("conditions").addObject().put("type", "Ready").put("status", "True")
        .put("reason", "KubeletReady").put("message", "a fake node of logplane bench")
        .put("lastHeartbeatTime", time).put("lastTransitionTime", time);
    status.put("phase", "Running");
    return node.toString();
  }

  /** Creates node {@code bench-node-<index>} in zone {@code index % zones}, from bodies encoded once. */
  static CreateThroughput.Creates creates(KubeClient client, Instant now) {
    BodyTemplate[] zones = ZONES.stream()
        .map(zone -> new BodyTemplate(PREFIX, name -> node(name, zone, now)))
        .toArray(BodyTemplate[]::new);
    KubeClient.Prepared post = client.prepare("POST", "/api/v1/nodes", true, false);
    return index -> client.send(post, zones[index % zones.length].body(index));
  }

  /** Whether {@code node} (a Node as JSON) reports Ready=True. */
  static boolean ready(JsonNode node) {
    for (JsonNode c : node.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asText())) {
        return "True".equals(c.path("status").asText());
      }
    }
    return false;
  }
}
