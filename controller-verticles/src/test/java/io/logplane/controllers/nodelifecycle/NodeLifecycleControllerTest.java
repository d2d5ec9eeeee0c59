package io.logplane.controllers.nodelifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.MemoryCluster;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * A node whose agent falls silent, on a clock the test moves: unknown after 40 s, tainted
 * unreachable, its pods not ready, then evicted once their tolerations run out; back to Ready, the
 * taints go.
 */
class NodeLifecycleControllerTest {

  private static final String NODE = "core/nodes//n1";
  private Instant now = Instant.parse("2026-12-02T10:00:00Z");
  private final MemoryCluster cluster = new MemoryCluster();
  private final Controller controller = NodeLifecycleController.controller(cluster.context(new Clock() {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }));

  @Test
  void aSilentNodeIsMarkedUnknownTaintedAndItsPodsEvictedAfterTheirToleration() throws Exception {
    node("True", "2026-12-02T10:00:00Z");
    lease("2026-12-02T10:00:00.000000Z");
    pod("tolerant", 300);
    pod("intolerant", -1);
    advance(30);
    assertEquals(Duration.ofSeconds(10).plusMillis(1), reconcile().requeueAfter());
    advance(11);
    reconcile();
    ObjectNode node = cluster.get(Key.parse(NODE));
    assertEquals("Unknown", Heartbeats.ready(node));
    assertEquals("False", cluster.get(pod("tolerant")).at("/status/conditions/0/status").asText());
    reconcile();
    node = cluster.get(Key.parse(NODE));
    assertTrue(Taints.has(node, Taints.UNREACHABLE, "NoExecute") && Taints.has(node, Taints.UNREACHABLE, "NoSchedule"));
    Reconciler.Result r = reconcile();
    assertNull(cluster.get(pod("intolerant")), "no toleration: evicted at once");
    assertEquals(Duration.ofSeconds(300), r.requeueAfter());
    advance(300);
    reconcile();
    assertNull(cluster.get(pod("tolerant")), "evicted once its 300 s ran out");
  }

  @Test
  void aNodeReadyAgainLosesTheTaints() throws Exception {
    node("True", "2026-12-02T10:00:00Z");
    advance(41);
    reconcile();
    reconcile();
    assertTrue(Taints.has(cluster.get(Key.parse(NODE)), Taints.UNREACHABLE, "NoExecute"));
    ObjectNode back = cluster.get(Key.parse(NODE)).deepCopy();
    ((ObjectNode) back.at("/status/conditions/0")).put("status", "True").put("lastHeartbeatTime", "2026-12-02T10:00:41Z");
    cluster.put(Key.parse(NODE), back);
    reconcile();
    assertFalse(Taints.has(cluster.get(Key.parse(NODE)), Taints.UNREACHABLE, "NoExecute"));
  }

  private Reconciler.Result reconcile() throws Exception {
    return controller.reconciler().reconcile(NODE);
  }

  private void advance(int seconds) {
    now = now.plusSeconds(seconds);
  }

  private void node(String ready, String heartbeat) {
    cluster.put(Key.parse(NODE), json("""
        {"metadata": {"name": "n1", "uid": "n1", "creationTimestamp": "2026-12-02T09:00:00Z"},
         "status": {"conditions": [{"type": "Ready", "status": "%s", "lastHeartbeatTime": "%s"}]}}"""
        .formatted(ready, heartbeat)));
  }

  private void lease(String renew) {
    cluster.put(Key.parse("coordination.k8s.io/leases/kube-node-lease/n1"), json("""
        {"metadata": {"name": "n1", "namespace": "kube-node-lease"}, "spec": {"renewTime": "%s"}}""".formatted(renew)));
  }

  private static Key pod(String name) {
    return Key.parse("core/pods/ns/" + name);
  }

  private void pod(String name, long tolerationSeconds) {
    String toleration = tolerationSeconds < 0 ? "" : """
        {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": %d}"""
        .formatted(tolerationSeconds);
    cluster.put(pod(name), json("""
        {"metadata": {"name": "%s", "namespace": "ns", "uid": "u-%s"},
         "spec": {"nodeName": "n1", "tolerations": [%s]},
         "status": {"conditions": [{"type": "Ready", "status": "True"}]}}""".formatted(name, name, toleration)));
  }

  private static ObjectNode json(String s) {
    return Json.object(s.getBytes(StandardCharsets.UTF_8));
  }
}
