package io.logplane.controllers.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Job controller over an in-memory cluster, its pods ended by the test as a node would:
 * completions and parallelism, counting through the tracking finalizer, suspend, and pods of a
 * Job gone.
 */
class JobControllerTest {

  private final JobFixture f = new JobFixture();

  @Test
  void makesPodsUpToParallelismAndCompletesAfterItsCompletions() throws Exception {
    f.job("\"completions\": 3, \"parallelism\": 2");
    f.reconcile();
    List<ObjectNode> pods = f.pods();
    assertEquals(2, pods.size());
    JsonNode meta = pods.get(0).path("metadata");
    assertEquals("x-", meta.path("generateName").asText());
    assertEquals("job-uid", meta.at("/labels/batch.kubernetes.io~1controller-uid").asText());
    assertEquals("x", meta.at("/labels/job-name").asText());
    assertEquals("[\"batch.kubernetes.io/job-tracking\"]", meta.path("finalizers").toString());
    assertEquals("Job", meta.at("/ownerReferences/0/kind").asText());
    assertTrue(meta.at("/ownerReferences/0/controller").asBoolean());
    assertEquals(2, f.status().path("active").asInt());
    assertEquals("2026-12-02T10:00:00Z", f.status().path("startTime").asText());

    f.end(pods.get(0), 0);
    f.cluster.writes.clear();
    f.reconcile();
    String podKey = "core/pods/ns/" + Metadata.text(pods.get(0), "name");
    // counted in three steps: listed as uncounted, finalizer removed, then moved into succeeded
    assertEquals(List.of("create core/pods/ns/", "update batch/jobs/ns/x/status", "update " + podKey,
        "update batch/jobs/ns/x/status"), f.cluster.writes.stream()
        .map(w -> w.startsWith("create core/pods/") ? "create core/pods/ns/" : w).filter(w -> !w.contains("events"))
        .toList());
    assertFalse(Pods.hasFinalizer(f.cluster.get(Key.parse(podKey))));
    assertEquals(1, f.status().path("succeeded").asInt());
    assertEquals(2, f.status().path("active").asInt());
    assertTrue(f.status().path("uncountedTerminatedPods").isEmpty());

    for (ObjectNode p : f.running()) {
      f.end(p, 0);
    }
    f.reconcile();
    assertEquals(3, f.status().path("succeeded").asInt());
    assertFalse(f.status().has("active"));
    assertEquals("Complete", f.status().at("/conditions/0/type").asText());
    assertEquals("True", f.status().at("/conditions/0/status").asText());
    assertEquals("2026-12-02T10:00:00Z", f.status().path("completionTime").asText());
    assertTrue(f.pods().stream().noneMatch(Pods::hasFinalizer));
    assertTrue(f.cluster.writes.stream().anyMatch(w -> w.startsWith("create core/events/")));
  }

  @Test
  void withoutCompletionsTheFirstSuccessEndsTheJobOnceTheOthersStop() throws Exception {
    f.job("\"parallelism\": 2");
    f.reconcile();
    f.end(f.pods().get(0), 0);
    f.reconcile();
    assertEquals(1, f.running().size(), "no pod is made after a success");
    assertFalse(Jobs.finished(f.stored()));
    f.end(f.running().get(0), 0);
    f.reconcile();
    assertTrue(Jobs.conditionTrue(f.stored(), Jobs.COMPLETE));
    assertEquals(2, f.status().path("succeeded").asInt());
  }

  @Test
  void aSuspendedJobRunsNoPodUntilResumed() throws Exception {
    f.job("\"completions\": 1, \"parallelism\": 1, \"suspend\": true");
    f.reconcile();
    assertTrue(f.pods().isEmpty());
    assertEquals("JobSuspended", f.status().at("/conditions/0/reason").asText());
    assertFalse(f.status().has("startTime"), "a suspended Job has not started");
    ObjectNode resumed = f.stored().deepCopy();
    ((ObjectNode) resumed.path("spec")).put("suspend", false);
    f.cluster.put(Key.parse(JobFixture.JOB), resumed);
    f.reconcile();
    assertEquals(1, f.pods().size());
    assertEquals("False", f.status().at("/conditions/0/status").asText());
    assertEquals("JobResumed", f.status().at("/conditions/0/reason").asText());
  }

  @Test
  void suspendingDeletesTheRunningPods() throws Exception {
    f.job("\"completions\": 2, \"parallelism\": 2");
    f.reconcile();
    ObjectNode suspended = f.stored().deepCopy();
    ((ObjectNode) suspended.path("spec")).put("suspend", true);
    f.cluster.put(Key.parse(JobFixture.JOB), suspended);
    f.reconcile();
    f.reconcile();
    assertTrue(f.running().isEmpty());
    assertTrue(Jobs.conditionTrue(f.stored(), Jobs.SUSPENDED));
  }

  @Test
  void podsOfAJobGoneLoseTheirFinalizer() throws Exception {
    f.job("\"completions\": 1, \"parallelism\": 1");
    f.reconcile();
    ObjectNode pod = f.pods().get(0);
    f.cluster.delete(Key.parse(JobFixture.JOB), null, null);
    f.cluster.delete(JobFixture.key(pod), null, null);
    assertTrue(Metadata.terminating(f.cluster.get(JobFixture.key(pod))), "the finalizer holds it");
    assertEquals(Reconciler.Result.DONE, f.reconcile());
    assertNull(f.cluster.get(JobFixture.key(pod)));
  }

  @Test
  void theActiveDeadlineFailsTheJobAndEndsItsPods() throws Exception {
    f.job("\"completions\": 2, \"parallelism\": 2, \"activeDeadlineSeconds\": 30");
    assertEquals(Duration.ofSeconds(30), f.reconcile().requeueAfter());
    f.clock.advance(Duration.ofSeconds(10));
    assertEquals(Duration.ofSeconds(20), f.reconcile().requeueAfter());
    f.clock.advance(Duration.ofSeconds(20));
    f.reconcile();
    f.reconcile();
    assertTrue(f.pods().isEmpty(), "deleted, then released by the finalizer");
    assertEquals("DeadlineExceeded", f.status().at("/conditions/0/reason").asText());
    assertEquals("Failed", f.status().at("/conditions/0/type").asText());
    assertEquals(2, f.status().path("failed").asInt());
  }
}
