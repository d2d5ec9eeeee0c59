package io.logplane.node.internal.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The status a kubelet writes for a pod, from what its containers do: phase, the kubelet's
 * conditions, IPs, start time and container statuses. Pure: the same pod and runs give the
 * same status, so a node that wrote it once sees there is nothing to write again. Fields and
 * conditions the kubelet does not own (PodScheduled, qosClass, a controller's condition) are
 * kept as the server holds them.
 */
public final class PodStatusMaker {
  private static final Set<String> OWN_CONDITIONS =
      Set.of("PodReadyToStartContainers", "Initialized", "ContainersReady", "Ready");

  private PodStatusMaker() {}

  /**
   * What the containers of one pod do at one moment.
   *
   * @param readyChanged when the pod last became ready or stopped being so
   * @param stopping     whether the pod is being deleted: its phase is then final whatever
   *                     its restart policy
   */
  public record Runs(String hostIp, String podIp, Instant startTime, List<ContainerRun> init,
      List<ContainerRun> containers, Instant readyChanged, boolean stopping) {}

  public static ObjectNode status(JsonNode pod, Runs runs) {
    ObjectNode s = pod.path("status").isObject() ? pod.get("status").deepCopy()
        : NodeObject.JSON.createObjectNode();
    String phase = Phases.of(pod.path("spec").path("restartPolicy").asText("Always"), runs);
    s.put("phase", phase);
    boolean ready = !runs.containers().isEmpty()
        && runs.containers().stream().allMatch(ContainerRun::ready) && !runs.stopping();
    String started = Times.time(runs.startTime());
    String changed = Times.time(runs.readyChanged());
    ArrayNode conditions = NodeObject.JSON.createArrayNode();
    for (JsonNode c : s.path("conditions")) {
      if (!OWN_CONDITIONS.contains(c.path("type").asText())) {
        conditions.add(c);
      }
    }
    boolean sandbox = !("Succeeded".equals(phase) || "Failed".equals(phase));
    condition(conditions, "PodReadyToStartContainers", sandbox, sandbox ? started : changed, null,
        null);
    List<String> incomplete = runs.init().stream().filter(c -> !(c.state() instanceof
        ContainerRun.Terminated t && t.exitCode() == 0)).map(ContainerRun::name).toList();
    boolean initialized = incomplete.isEmpty() || runs.containers().stream().anyMatch(c ->
        !(c.state() instanceof ContainerRun.Waiting) || c.last() != null);
    condition(conditions, "Initialized", initialized, started,
        initialized ? null : "ContainersNotInitialized",
        initialized ? null : "containers with incomplete status: " + goList(incomplete));
    String notReady = switch (phase) {
      case "Succeeded" -> "PodCompleted";
      case "Failed" -> "PodFailed";
      default -> "ContainersNotReady";
    };
    String unready = ready || !"ContainersNotReady".equals(notReady) ? null
        : "containers with unready status: " + goList(runs.containers().stream()
            .filter(c -> !c.ready() || runs.stopping()).map(ContainerRun::name).toList());
    condition(conditions, "Ready", ready, changed, ready ? null : notReady, unready);
    condition(conditions, "ContainersReady", ready, changed, ready ? null : notReady, unready);
    s.set("conditions", conditions);
    s.put("hostIP", runs.hostIp());
    s.putArray("hostIPs").addObject().put("ip", runs.hostIp());
    if (runs.podIp() != null) {
      s.put("podIP", runs.podIp());
      s.putArray("podIPs").addObject().put("ip", runs.podIp());
    }
    s.put("startTime", started);
    String uid = pod.path("metadata").path("uid").asText();
    if (!runs.init().isEmpty()) {
      s.set("initContainerStatuses", ContainerStatuses.of(uid, runs.init(), false));
    }
    s.set("containerStatuses", ContainerStatuses.of(uid, runs.containers(), true));
    return s;
  }

  /** A list of names as the kubelet's messages print them (Go's {@code %s}): {@code [a b]}. */
  private static String goList(List<String> names) {
    return "[" + String.join(" ", names) + "]";
  }

  private static void condition(ArrayNode to, String type, boolean status, String since,
      String reason, String message) {
    ObjectNode c = to.addObject().put("type", type).put("status", status ? "True" : "False");
    c.putNull("lastProbeTime");
    c.put("lastTransitionTime", since);
    if (reason != null) {
      c.put("reason", reason);
    }
    if (message != null) {
      c.put("message", message);
    }
  }
}
