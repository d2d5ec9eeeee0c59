package io.logplane.controllers.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.Key;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A finished Job with ttlSecondsAfterFinished is deleted once that many seconds passed since it finished. */
class TtlAfterFinishedControllerTest {

  private final JobFixture f = new JobFixture();
  private final Reconciler ttl = TtlAfterFinishedController.controller(f.cluster.context(f.clock)).reconciler();

  @Test
  void aFinishedJobIsDeletedWhenItsTtlRanOut() throws Exception {
    f.job("\"completions\": 1, \"parallelism\": 1, \"ttlSecondsAfterFinished\": 100");
    assertEquals(Reconciler.Result.DONE, ttl.reconcile(JobFixture.JOB), "not finished: nothing to wait for");
    f.reconcile();
    f.clock.advance(Duration.ofSeconds(5));
    f.end(f.pods().get(0), 0);
    f.reconcile();
    f.clock.advance(Duration.ofSeconds(30));
    assertEquals(Duration.ofSeconds(70), ttl.reconcile(JobFixture.JOB).requeueAfter());
    f.clock.advance(Duration.ofSeconds(70));
    assertNotNull(f.stored());
    ttl.reconcile(JobFixture.JOB);
    assertNull(f.stored());
    assertEquals("delete batch/jobs/ns/x", f.cluster.writes.get(f.cluster.writes.size() - 1));
  }

  @Test
  void aJobWithoutTtlStays() throws Exception {
    ObjectNode job = f.job("\"completions\": 1");
    ((ObjectNode) job).putObject("status").putArray("conditions").addObject().put("type", "Complete")
        .put("status", "True").put("lastTransitionTime", "2026-12-01T00:00:00Z");
    f.cluster.put(Key.parse(JobFixture.JOB), job);
    assertEquals(Reconciler.Result.DONE, ttl.reconcile(JobFixture.JOB));
    assertNotNull(f.stored());
  }
}
