package io.logplane.scheduler;

import static io.logplane.scheduler.internal.Fixtures.nodeObject;
import static io.logplane.scheduler.internal.Fixtures.podObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Key;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The scheduler over detached informers and an in-memory writer, stepped by hand on a fake clock. */
class SchedulerTest {

  final MemoryCluster cluster = new MemoryCluster();
  final AtomicLong clock = new AtomicLong(1_000_000);
  final Scheduler scheduler = new Scheduler(cluster.informers, cluster, clock::get, new Random(7));

  SchedulerTest() {
    scheduler.follow(cluster.informers);
  }

  void node(String name, String cpu, String more) {
    cluster.put(new Key("core", "nodes", "", name), nodeObject(name, cpu, "8Gi", more));
  }

  void pod(String name, String cpu, String more) {
    cluster.put(new Key("core", "pods", "default", name), podObject(name, cpu, null, more));
  }

  String nodeOf(String pod) {
    return cluster.get(new Key("core", "pods", "default", pod)).path("spec").path("nodeName").asText("");
  }

  int runAll() {
    int cycles = 0;
    while (scheduler.scheduleOne()) {
      cycles++;
    }
    return cycles;
  }

  List<String> events(String reason) {
    return cluster.list("core/events/").stream().filter(e -> e.path("reason").asText().equals(reason))
        .map(e -> e.path("involvedObject").path("name").asText() + ": " + e.path("message").asText()).sorted().toList();
  }

  @Test
  void spreadsPodsOverNodes() {
    for (String n : List.of("n1", "n2", "n3")) {
      node(n, "4", null);
    }
    for (int i = 0; i < 6; i++) {
      pod("p" + i, "1", null);
    }
    assertEquals(6, runAll());
    Map<String, Integer> perNode = new TreeMap<>();
    for (int i = 0; i < 6; i++) {
      perNode.merge(nodeOf("p" + i), 1, Integer::sum);
    }
    assertEquals(Map.of("n1", 2, "n2", 2, "n3", 2), perNode);
    assertEquals(6, scheduler.bound());
    assertTrue(events("Scheduled").contains("p0: Successfully assigned default/p0 to " + nodeOf("p0")));
  }

  @Test
  void anUnschedulablePodIsRetriedWhenANodeAppears() {
    pod("p", "1", null);
    assertEquals(1, runAll());
    assertEquals(List.of("p: no nodes available to schedule pods"), events("FailedScheduling"));
    assertEquals(1, scheduler.queue().unschedulableCount());
    node("n1", "2", null);
    assertEquals(0, scheduler.queue().unschedulableCount());
    assertFalse(scheduler.scheduleOne(), "still backing off after its first attempt");
    clock.addAndGet(1_000);
    assertTrue(scheduler.scheduleOne());
    assertEquals("n1", nodeOf("p"));
  }

  @Test
  void anUnschedulablePodIsRetriedAfterAMinuteAnyway() {
    node("n1", "1", null);
    pod("p", "2", null);
    runAll();
    clock.addAndGet(59_000);
    assertFalse(scheduler.scheduleOne());
    clock.addAndGet(1_000);
    assertTrue(scheduler.scheduleOne(), "tried again, though nothing changed");
    assertEquals("", nodeOf("p"));
  }

  @Test
  void failedSchedulingCountsTheReasonsOfEveryNode() {
    node("small-1", "1", null);
    node("small-2", "1", null);
    for (int i = 1; i <= 3; i++) {
      node("tainted-" + i, "8", "{'spec':{'taints':[{'key':'key','value':'value','effect':'NoSchedule'}]}}");
    }
    pod("big", "2", null);
    runAll();
    assertEquals(List.of("big: 0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had untolerated taint"
        + " {key: value}. preemption: 0/5 nodes are available: 2 No preemption victims found for incoming pod,"
        + " 3 Preemption is not helpful for scheduling.."), events("FailedScheduling"));
    ObjectNode event = cluster.list("core/events/").get(0);
    assertEquals("Warning", event.path("type").asText());
    // as kube-scheduler's events.k8s.io recorder writes it: no source, no deprecated timestamps
    assertEquals("default-scheduler", event.path("reportingComponent").asText());
    assertTrue(event.path("reportingInstance").asText().startsWith("default-scheduler-"), event.toString());
    assertEquals("Scheduling", event.path("action").asText());
    assertTrue(event.path("eventTime").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"),
        event.toString());
    assertTrue(event.path("lastTimestamp").isNull() && event.path("source").isEmpty(), event.toString());
    assertEquals("uid-big", event.path("involvedObject").path("uid").asText());
  }

  @Test
  void higherPriorityFirstThenOlder() {
    node("n1", "4", "{'status':{'allocatable':{'pods':'2'}}}");
    pod("old-low", "1", "{'spec':{'priority':0}}");
    clock.addAndGet(1);
    pod("young-high", "1", "{'spec':{'priority':1000}}");
    clock.addAndGet(1);
    pod("young-low", "1", "{'spec':{'priority':0}}");
    runAll();
    assertEquals("n1", nodeOf("young-high"));
    assertEquals("n1", nodeOf("old-low"));
    assertEquals("", nodeOf("young-low"));
    assertEquals(List.of("young-low: 0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are"
        + " available: 1 No preemption victims found for incoming pod.."), events("FailedScheduling"));
  }

  @Test
  void anAssumedPodHoldsItsPlaceUntilItsBindFails() {
    node("n1", "4", "{'status':{'allocatable':{'pods':'1'}}}");
    cluster.holdBinds = true;
    pod("first", "1", null);
    assertTrue(scheduler.scheduleOne());
    assertEquals(1, scheduler.bindsInFlight());
    pod("second", "1", null);
    assertTrue(scheduler.scheduleOne());
    assertEquals(List.of("second: 0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are"
        + " available: 1 No preemption victims found for incoming pod.."), events("FailedScheduling"));
    cluster.refuseBinds = "the log said no";
    cluster.releaseBinds();
    assertEquals(0, scheduler.bindsInFlight());
    assertEquals(2, scheduler.queue().backoffCount(), "first retried after its bind; second moved by the freed room");
    cluster.refuseBinds = null;
    cluster.holdBinds = false;
    clock.addAndGet(1_000);
    runAll();
    // Both due at once with equal priority: second entered the queue first, and takes the room.
    assertEquals("n1", nodeOf("second"));
    assertEquals("", nodeOf("first"));
  }

  @Test
  void bindsInFlightAreBounded() {
    node("n1", "64", "{'status':{'allocatable':{'pods':'2000'}}}");
    cluster.holdBinds = true;
    for (int i = 0; i <= Scheduler.MAX_BINDS_IN_FLIGHT; i++) {
      pod("p" + i, null, null);
    }
    assertEquals(Scheduler.MAX_BINDS_IN_FLIGHT, runAll());
    assertEquals(1, scheduler.queue().activeCount());
    cluster.releaseBinds();
    assertEquals(1, runAll());
  }

  @Test
  void podsOfOtherSchedulersOrWithANodeAreLeftAlone() {
    node("n1", "4", null);
    pod("other", "1", "{'spec':{'schedulerName':'my-scheduler'}}");
    pod("placed", "1", "{'spec':{'nodeName':'n1'}}");
    assertEquals(0, runAll());
    assertEquals("", nodeOf("other"));
  }

  ObjectNode podNow(String name) {
    return cluster.get(new Key("core", "pods", "default", name));
  }

  /** Two nodes of 2 cpu, full of pods of priority 0 bound there. */
  void twoFullNodes() {
    node("n1", "2", null);
    node("n2", "2", null);
    for (String p : List.of("a1", "a2")) {
      pod(p, "1", "{'spec':{'priority':0,'nodeName':'n1'},'status':{'startTime':'2026-01-01T00:00:00Z'}}");
    }
    for (String p : List.of("b1", "b2")) {
      pod(p, "1", "{'spec':{'priority':0,'nodeName':'n2'},'status':{'startTime':'2026-01-01T00:00:01Z'}}");
    }
  }

  @Test
  void aPodOfHigherPriorityPreemptsAndTakesTheRoomItMade() {
    twoFullNodes();
    pod("high", "1", "{'spec':{'priority':1000}}");
    assertTrue(scheduler.scheduleOne());
    assertEquals(List.of("high: 0/2 nodes are available: 2 Insufficient cpu."), events("FailedScheduling"));
    List<String> preempted = events("Preempted");
    assertEquals(1, preempted.size(), preempted.toString());
    String victim = preempted.get(0).substring(0, 2);
    String node = victim.startsWith("a") ? "n1" : "n2";
    assertEquals(victim + ": Preempted by a pod on node " + node, preempted.get(0));
    assertEquals("n2", node, "the node whose victims started last");
    assertTrue(podNow(victim) == null, "deleted");
    ObjectNode high = podNow("high");
    assertEquals(node, high.at("/status/nominatedNodeName").asText());
    assertEquals("False", high.at("/status/conditions/0/status").asText());
    assertEquals("Unschedulable", high.at("/status/conditions/0/reason").asText());

    pod("late-low", "1", "{'spec':{'priority':0}}");
    assertTrue(scheduler.scheduleOne(), "the low pod, due at once, finds the room held for high");
    assertEquals("", nodeOf("late-low"));
    clock.addAndGet(1_000);
    runAll();
    assertEquals(node, nodeOf("high"));
  }

  @Test
  void theVictimGetsTheDisruptionTargetConditionBeforeItGoes() {
    twoFullNodes();
    List<ObjectNode> seen = new java.util.ArrayList<>();
    cluster.informers.informer(Scheduler.PODS).addHandler((key, old, now) -> {
      if (now != null && now.at("/status/conditions/0/type").asText().equals("DisruptionTarget")) {
        seen.add(now);
      }
    });
    pod("high", "1", "{'spec':{'priority':1000}}");
    scheduler.scheduleOne();
    assertEquals(1, seen.size());
    ObjectNode c = (ObjectNode) seen.get(0).at("/status/conditions/0");
    assertEquals("True", c.path("status").asText());
    assertEquals("PreemptionByScheduler", c.path("reason").asText());
    assertEquals("default-scheduler: preempting to accommodate a higher priority pod", c.path("message").asText());
  }

  @Test
  void aPodThatMayNotPreemptWaits() {
    twoFullNodes();
    pod("never", "1", "{'spec':{'priority':1000,'preemptionPolicy':'Never'}}");
    pod("equal", "1", "{'spec':{'priority':0}}");
    runAll();
    assertEquals(List.of(), events("Preempted"));
    assertEquals(List.of("equal: 0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available:"
        + " 2 No preemption victims found for incoming pod..", "never: 0/2 nodes are available: 2 Insufficient cpu."
        + " preemption: not eligible due to preemptionPolicy=Never.."), events("FailedScheduling"));
    assertEquals(2, scheduler.queue().unschedulableCount(), "their own status writes did not requeue them");
  }
}
