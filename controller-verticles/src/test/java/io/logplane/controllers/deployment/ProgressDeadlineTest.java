package io.logplane.controllers.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.ControllerLoop;
import io.logplane.controllers.Reconciler.Result;
import io.logplane.controllers.workload.Conditions;
import io.logplane.projections.Key;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The progress deadline: a rollout that does not move for progressDeadlineSeconds is marked
 * ProgressDeadlineExceeded (what makes {@code kubectl rollout status} fail), and recovers once
 * its pods become available; and a Deployment the controller cannot act on gets a condition and
 * backoff while other Deployments are served.
 */
class ProgressDeadlineTest {

  private final Workloads w = new Workloads();

  @Test
  void aRolloutThatDoesNotMoveExceedsItsDeadline() throws Exception {
    w.create(2, DeploymentControllerTest.DEFAULT);
    w.edit(spec -> spec.put("progressDeadlineSeconds", 60));
    Result r = w.settle();
    assertEquals(Result.after(Duration.ofSeconds(61)), r, "looks again just after the deadline");
    assertEquals("ReplicaSetUpdated", w.condition("Progressing").path("reason").asText());

    w.clock.advance(Duration.ofSeconds(59));
    assertEquals(Result.after(Duration.ofSeconds(2)), w.settle());
    w.clock.advance(Duration.ofSeconds(2));
    assertEquals(Result.DONE, w.settle());
    ObjectNode progressing = w.condition("Progressing");
    assertEquals(java.util.List.of("False", "ProgressDeadlineExceeded"),
        java.util.List.of(progressing.path("status").asText(), progressing.path("reason").asText()));
    assertTrue(progressing.path("message").asText().endsWith("has timed out progressing."));
    assertEquals("error: deployment \"web\" exceeded its progress deadline", w.rolloutStatus());

    w.readyAll();
    w.settle();
    assertEquals("NewReplicaSetAvailable", w.condition("Progressing").path("reason").asText());
    assertEquals("deployment \"web\" successfully rolled out", w.rolloutStatus());
  }

  @Test
  void aSelectorMissingItsTemplateGetsAConditionAndBackoffWhileOthersAreServed() throws Exception {
    w.create(2, DeploymentControllerTest.DEFAULT);
    w.cluster.create(Key.parse("apps/deployments/ns/bad"), Workloads.json("""
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "bad", "namespace": "ns"},
         "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "other"}}, "progressDeadlineSeconds": 600,
          "template": {"metadata": {"labels": {"app": "bad"}},
           "spec": {"containers": [{"name": "web", "image": "nginx:1"}]}}}}""")).get();
    long[] nanos = {0};
    ControllerLoop loop = new ControllerLoop("deployment", w.deployments, () -> nanos[0]);
    loop.add("apps/deployments/ns/bad");
    loop.add(Workloads.KEY);
    assertTrue(loop.step());
    assertTrue(loop.step());
    ObjectNode bad = w.cluster.get(Key.parse("apps/deployments/ns/bad"));
    ObjectNode condition = Conditions.get(bad.path("status"), "Progressing");
    assertEquals("ReplicaSetCreateError", condition.path("reason").asText());
    assertTrue(condition.path("message").asText().contains("`selector` does not match template `labels`"));
    assertEquals(1, w.sets().size(), "the good one made its set, the bad one none");
    assertTrue(w.sets().get(0).path("metadata").path("name").asText().startsWith("web-"));
    assertTrue(loop.pending() >= 1, "the bad key waits for its retry");
  }
}
