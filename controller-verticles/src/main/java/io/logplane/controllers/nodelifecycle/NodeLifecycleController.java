package io.logplane.controllers.nodelifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.EventRecorder;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.informers.Informer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * As kube-controller-manager's node lifecycle controller with its taint manager: a node whose
 * Lease and status went unrenewed for the grace period (40 s) gets Unknown conditions, the
 * {@code unreachable} taints and its pods marked not ready; a node reporting Ready=False gets
 * the {@code not-ready} taints; the taints go when it is Ready again. Pods on a node with
 * NoExecute taints they do not tolerate are deleted once their tolerationSeconds ran out.
 */
public final class NodeLifecycleController implements Reconciler {

  static final String NODES = "core/nodes/";
  static final String LEASES = "coordination.k8s.io/leases/";
  static final String NODE_LEASES = LEASES + "kube-node-lease/";
  static final String PODS = "core/pods/";
  static final Duration GRACE = Duration.ofSeconds(40);
  private static final String BY_NODE = "node";

  private final Informer nodes;
  private final Informer leases;
  private final Informer pods;
  private final ObjectWriter writer;
  private final EventRecorder events;
  private final Clock clock;

  private NodeLifecycleController(ControllerContext ctx) {
    nodes = ctx.informers().informer(NODES);
    leases = ctx.informers().informer(LEASES);
    pods = ctx.informers().informer(PODS);
    pods.addIndex(BY_NODE, p -> List.of(p.path("spec").path("nodeName").asText("")));
    writer = ctx.writer("node-controller");
    clock = ctx.clock();
    events = new EventRecorder(writer, "node-controller", null, clock);
  }

  /**
   * Nodes, woken by their Leases and by the pods bound to them while they have NoExecute
   * taints (the only time a pod changes what a node's reconcile does: evictions).
   */
  public static Controller controller(ControllerContext ctx) {
    NodeLifecycleController c = new NodeLifecycleController(ctx);
    return Controller.named("nodelifecycle").reconciles(NODES)
        .watches(LEASES, l -> "kube-node-lease".equals(Metadata.text(l, "namespace"))
            ? List.of(NODES + "/" + Metadata.text(l, "name")) : List.of())
        .watches(PODS, c::evictionsToCheck)
        .build(c);
  }

  /** The node of a pod bound to a node with NoExecute taints, whose evictions it may change. */
  private List<String> evictionsToCheck(JsonNode pod) {
    String node = pod.path("spec").path("nodeName").asText("");
    if (node.isEmpty()) {
      return List.of();
    }
    ObjectNode n = nodes.get(NODES + "/" + node);
    for (JsonNode t : n == null ? List.<JsonNode>of() : n.path("spec").path("taints")) {
      if ("NoExecute".equals(t.path("effect").asText())) {
        return List.of(NODES + "/" + node);
      }
    }
    return List.of();
  }

  @Override
  public Result reconcile(String key) throws Exception {
    ObjectNode node = nodes.get(key);
    if (node == null) {
      return Result.DONE;
    }
    String name = Key.parse(key).name();
    Instant now = clock.instant();
    Instant silentSince = Heartbeats.last(node, leases.get(NODE_LEASES + name));
    Duration left = Duration.between(now, silentSince.plus(GRACE));
    String ready = Heartbeats.ready(node);
    if (left.isNegative() && !"Unknown".equals(ready)) {
      writer.updateStatus(Key.parse(key), Heartbeats.unknown(node, now)).join();
      events.normal(node, "NodeNotReady", "Node " + name + " status is now: NodeNotReady");
      markPodsNotReady(name, now);
      return Result.DONE;
    }
    String taint = "Unknown".equals(ready) ? Taints.UNREACHABLE : "False".equals(ready) ? Taints.NOT_READY : null;
    if (!lifecycleTaintsAre(node, taint)) {
      ObjectNode next = node.deepCopy();
      Taints.setLifecycle(next, taint, now);
      writer.update(Key.parse(key), next).join();
      return Result.DONE;
    }
    Duration nextEviction = Evictions.run(node, pods.byIndex(BY_NODE, name), now, writer, events);
    Duration next = left.isNegative() ? nextEviction : nextEviction == null || left.compareTo(nextEviction) < 0
        ? left.plusMillis(1) : nextEviction;
    return next == null ? Result.DONE : Result.after(next);
  }

  private static boolean lifecycleTaintsAre(JsonNode node, String key) {
    for (String k : new String[] {Taints.UNREACHABLE, Taints.NOT_READY}) {
      boolean want = k.equals(key);
      if (Taints.has(node, k, "NoSchedule") != want || Taints.has(node, k, "NoExecute") != want) {
        return false;
      }
    }
    return true;
  }

  private void markPodsNotReady(String node, Instant now) {
    for (ObjectNode pod : pods.byIndex(BY_NODE, node)) {
      ObjectNode next = Heartbeats.podNotReady(pod, now);
      if (next != null) {
        writer.updateStatus(new Key("core", "pods", Metadata.text(pod, "namespace"), Metadata.text(pod, "name")), next)
            .exceptionally(e -> null);
      }
    }
  }
}
