package io.logplane.controllers.replicaset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.MemoryCluster;
import io.logplane.controllers.Reconciler.Result;
import io.logplane.controllers.TestClock;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The ReplicaSet controller over an in-memory store: scaling up in slow-start batches and down
 * in kube's order, adoption and release by selector, status with availability after
 * minReadySeconds, and failures reported as the ReplicaFailure condition.
 */
class ReplicaSetControllerTest {

  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final MemoryCluster cluster = new MemoryCluster(clock);
  private final ReplicaSetController controller =
      new ReplicaSetController(cluster.context(clock), ReplicaSetKind.REPLICA_SET);
  private final Sets sets = new Sets(cluster);

  @Test
  void createsThePodsItsTemplateDescribesOwnedByIt() throws Exception {
    ObjectNode rs = sets.replicaSet("web", 3, 0);
    assertEquals(Result.DONE, controller.reconcile(Sets.key("web")));
    List<ObjectNode> pods = sets.pods();
    assertEquals(3, pods.size());
    for (ObjectNode p : pods) {
      assertTrue(Metadata.text(p, "name").startsWith("web-"), p.toString());
      assertEquals("web-", Metadata.text(p, "generateName"));
      assertEquals("web", p.at("/metadata/labels/app").asText());
      JsonNode ref = p.at("/metadata/ownerReferences/0");
      assertEquals("apps/v1", ref.path("apiVersion").asText());
      assertEquals("ReplicaSet", ref.path("kind").asText());
      assertEquals(Metadata.uid(rs), ref.path("uid").asText());
      assertTrue(ref.path("controller").asBoolean() && ref.path("blockOwnerDeletion").asBoolean());
      assertEquals("nginx:1", p.at("/spec/containers/0/image").asText());
      assertEquals("Pending", p.at("/status/phase").asText());
      // as the API's DefaultTolerationSeconds admission would: 300 s on a lost node, not 0
      assertEquals("[{\"key\":\"node.kubernetes.io/not-ready\",\"operator\":\"Exists\",\"effect\":\"NoExecute\","
          + "\"tolerationSeconds\":300},{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\","
          + "\"effect\":\"NoExecute\",\"tolerationSeconds\":300}]", p.at("/spec/tolerations").toString());
    }
    JsonNode status = sets.get("web").path("status");
    assertEquals(3, status.path("replicas").asInt());
    assertEquals(3, status.path("fullyLabeledReplicas").asInt());
    assertEquals(1, status.path("observedGeneration").asInt());
    assertFalse(status.has("readyReplicas"));
    int writes = cluster.writes.size();
    assertEquals(Result.DONE, controller.reconcile(Sets.key("web")));
    assertEquals(writes, cluster.writes.size(), "a converged set writes nothing");
  }

  @Test
  void createsInSlowStartBatchesAndStopsAtTheFirstBatchThatFails() throws Exception {
    sets.replicaSet("web", 20, 0);
    int[] allowed = {3};
    cluster.refuseCreate = k -> k.resource().equals("pods") && allowed[0]-- <= 0;
    assertThrows(ExecutionException.class, () -> controller.reconcile(Sets.key("web")));
    // Batches of 1 and 2 went through; the batch of 4 failed whole, and no batch of 8 was tried.
    assertEquals(3, cluster.writes.stream().filter(w -> w.startsWith("create core/pods")).count());
    assertEquals(4, cluster.writes.stream().filter(w -> w.startsWith("refused create")).count());
    JsonNode failure = sets.get("web").at("/status/conditions/0");
    assertEquals("ReplicaFailure", failure.path("type").asText());
    assertEquals("True", failure.path("status").asText());
    assertEquals("FailedCreate", failure.path("reason").asText());
    assertTrue(failure.path("message").asText().contains("exceeded quota"), failure.toString());
    assertEquals(3, sets.get("web").at("/status/replicas").asInt());

    cluster.refuseCreate = k -> false;
    assertEquals(Result.DONE, controller.reconcile(Sets.key("web")));
    assertEquals(20, sets.pods().size());
    assertFalse(sets.get("web").path("status").has("conditions"), "the condition goes once creates succeed");
  }

  @Test
  void deletesUnscheduledThenNotReadyThenNewestPodsFirst() throws Exception {
    sets.replicaSet("web", 0, 0);
    sets.orphan("old-ready", "n1", true);
    clock.advance(Duration.ofMinutes(1));
    sets.orphan("not-ready", "n2", false);
    sets.orphan("unscheduled", "", false);
    clock.advance(Duration.ofMinutes(10));
    sets.orphan("new-ready", "n3", true);
    sets.scale("web", 4);
    controller.reconcile(Sets.key("web"));
    assertEquals(4, sets.pods().size(), "the four orphans are adopted, none created");

    sets.scale("web", 2);
    controller.reconcile(Sets.key("web"));
    assertEquals(List.of("new-ready", "old-ready"), sets.podNames());
    sets.scale("web", 1);
    controller.reconcile(Sets.key("web"));
    assertEquals(List.of("old-ready"), sets.podNames());
  }

  @Test
  void adoptsOrphansReleasesWhatItNoLongerSelectsAndIgnoresTerminatingPods() throws Exception {
    ObjectNode rs = sets.replicaSet("web", 2, 0);
    sets.orphan("orphan", "n1", false);
    ObjectNode dying = sets.orphan("dying", "n1", false);
    ObjectNode terminating = dying.deepCopy();
    Metadata.of(terminating).put("deletionTimestamp", "2026-01-01T00:00:00Z");
    cluster.put(Sets.podKey("dying"), terminating);
    controller.reconcile(Sets.key("web"));
    assertEquals(Metadata.uid(rs), sets.pod("orphan").at("/metadata/ownerReferences/0/uid").asText());
    assertTrue(sets.pod("dying").path("metadata").path("ownerReferences").isMissingNode(), "a terminating pod is not adopted");
    assertEquals(3, sets.pods().size(), "one pod created besides the adopted one");

    ObjectNode relabelled = sets.pod("orphan").deepCopy();
    ((ObjectNode) relabelled.at("/metadata/labels")).put("app", "debug");
    cluster.update(Sets.podKey("orphan"), relabelled).get();
    controller.reconcile(Sets.key("web"));
    assertTrue(sets.pod("orphan").path("metadata").path("ownerReferences").isMissingNode(), "released");
    assertEquals(2, sets.owned(rs).size(), "a replacement is created for the released pod");
  }

  @Test
  void podsReadyForMinReadySecondsAreAvailable() throws Exception {
    sets.replicaSet("web", 2, 30);
    controller.reconcile(Sets.key("web"));
    for (ObjectNode p : sets.pods()) {
      sets.makeReady(Metadata.text(p, "name"));
    }
    Result r = controller.reconcile(Sets.key("web"));
    assertEquals(Result.after(Duration.ofSeconds(30)), r, "asks to look again once they may be available");
    assertEquals(2, sets.get("web").at("/status/readyReplicas").asInt());
    assertFalse(sets.get("web").path("status").has("availableReplicas"));
    clock.advance(Duration.ofSeconds(31));
    assertEquals(Result.DONE, controller.reconcile(Sets.key("web")));
    assertEquals(2, sets.get("web").at("/status/availableReplicas").asInt());
  }

  @Test
  void aSetWhoseSelectorMissesItsTemplateCreatesNothingAndSaysWhy() throws Exception {
    ObjectNode rs = sets.replicaSet("web", 2, 0);
    ObjectNode bad = rs.deepCopy();
    ((ObjectNode) bad.at("/spec/selector/matchLabels")).put("app", "other");
    cluster.update(Key.parse(Sets.key("web")), bad).get();
    assertThrows(IllegalArgumentException.class, () -> controller.reconcile(Sets.key("web")));
    assertTrue(sets.pods().isEmpty());
    assertTrue(sets.get("web").at("/status/conditions/0/message").asText().contains("does not match"));
  }

  @Test
  void aTerminatingSetCreatesNoPods() throws Exception {
    ObjectNode rs = sets.replicaSet("web", 2, 0);
    ObjectNode terminating = rs.deepCopy();
    Metadata.of(terminating).put("deletionTimestamp", "2026-01-01T00:00:00Z");
    cluster.put(Key.parse(Sets.key("web")), terminating);
    assertEquals(Result.DONE, controller.reconcile(Sets.key("web")));
    assertTrue(sets.pods().isEmpty());
    assertEquals(0, sets.get("web").at("/status/replicas").asInt());
  }
}
