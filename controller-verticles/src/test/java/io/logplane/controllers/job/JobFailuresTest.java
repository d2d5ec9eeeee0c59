package io.logplane.controllers.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Failed pods of a Job on a clock the test moves: made again after 10 s, 20 s, ... until the
 * failures pass backoffLimit; a pod failure policy ignores some exit codes and fails the Job on
 * others; OnFailure restarts count against the limit.
 */
class JobFailuresTest {

  private final JobFixture f = new JobFixture();

  @Test
  void failedPodsAreMadeAgainAfterABackoffUntilTheLimitFailsTheJob() throws Exception {
    f.job("\"completions\": 1, \"parallelism\": 1, \"backoffLimit\": 2");
    f.reconcile();
    f.end(f.pods().get(0), 1);
    assertEquals(Duration.ofSeconds(10), f.reconcile().requeueAfter(), "10 s after the first failure");
    assertEquals(1, f.status().path("failed").asInt());
    assertTrue(f.running().isEmpty());
    f.clock.advance(Duration.ofSeconds(10));
    f.reconcile();
    assertEquals(1, f.running().size());
    f.end(f.running().get(0), 1);
    assertEquals(Duration.ofSeconds(20), f.reconcile().requeueAfter(), "doubled after the second");
    f.clock.advance(Duration.ofSeconds(20));
    f.reconcile();
    f.end(f.running().get(0), 1);
    f.reconcile();
    assertEquals(3, f.status().path("failed").asInt());
    assertEquals("Failed", f.status().at("/conditions/0/type").asText());
    assertEquals("BackoffLimitExceeded", f.status().at("/conditions/0/reason").asText());
    assertEquals("Job has reached the specified backoff limit", f.status().at("/conditions/0/message").asText());
    assertFalse(f.status().has("completionTime"));
    assertTrue(f.pods().stream().noneMatch(Pods::hasFinalizer));
  }

  @Test
  void aPodFailurePolicyIgnoresSomeExitCodesAndFailsTheJobOnOthers() throws Exception {
    f.job("""
        "completions": 1, "parallelism": 1, "backoffLimit": 0,
        "podFailurePolicy": {"rules": [
          {"action": "Ignore", "onExitCodes": {"operator": "In", "values": [3]}},
          {"action": "FailJob", "onExitCodes": {"containerName": "c", "operator": "In", "values": [42]}}]}""");
    f.reconcile();
    f.end(f.pods().get(0), 3);
    f.reconcile();
    assertFalse(f.status().has("failed"), "ignored: not counted against backoffLimit 0");
    assertFalse(Jobs.finished(f.stored()));
    f.clock.advance(Duration.ofSeconds(10));
    f.reconcile();
    String name = io.logplane.projections.Metadata.text(f.running().get(0), "name");
    f.end(f.running().get(0), 42);
    f.reconcile();
    assertEquals("FailureTarget", f.status().at("/conditions/0/type").asText());
    assertEquals("Failed", f.status().at("/conditions/1/type").asText());
    assertEquals("PodFailurePolicy", f.status().at("/conditions/1/reason").asText());
    assertEquals("Container c for pod ns/" + name + " failed with exit code 42 matching FailJob rule at index 1",
        f.status().at("/conditions/1/message").asText());
    assertEquals(1, f.status().path("failed").asInt());
  }

  @Test
  void aCountRuleOrNoRuleCountsTheFailure() throws Exception {
    f.job("""
        "completions": 1, "parallelism": 1, "backoffLimit": 0,
        "podFailurePolicy": {"rules": [{"action": "Count", "onExitCodes": {"operator": "NotIn", "values": [3]}}]}""");
    f.reconcile();
    f.end(f.pods().get(0), 5);
    f.reconcile();
    assertEquals("BackoffLimitExceeded", f.status().at("/conditions/0/reason").asText());
  }

  @Test
  void restartsOfAnOnFailurePodCountAgainstTheLimit() throws Exception {
    var job = f.job("\"completions\": 1, \"parallelism\": 1, \"backoffLimit\": 2");
    ((com.fasterxml.jackson.databind.node.ObjectNode) job.at("/spec/template/spec")).put("restartPolicy", "OnFailure");
    f.cluster.put(io.logplane.projections.Key.parse(JobFixture.JOB), job);
    f.reconcile();
    var pod = f.pods().get(0).deepCopy();
    pod.putObject("status").put("phase", "Running").putArray("containerStatuses").addObject().put("name", "c")
        .put("restartCount", 2);
    f.cluster.put(JobFixture.key(pod), pod);
    f.reconcile();
    f.reconcile();
    assertEquals("BackoffLimitExceeded", f.status().at("/conditions/0/reason").asText());
    assertTrue(f.pods().isEmpty(), "its running pod deleted");
  }
}
