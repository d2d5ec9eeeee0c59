package io.logplane.controllers.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import org.junit.jupiter.api.Test;

/**
 * A Job claims the pods of its namespace as kube's getPodsForJob: an orphan it selects is adopted
 * with the tracking finalizer and counted, a pod relabelled out of its selector is released
 * without it, and nothing is adopted while the Job is being deleted.
 */
class JobAdoptionTest {

  private final JobFixture f = new JobFixture();

  @Test
  void adoptsAnOrphanItSelectsWithTheTrackingFinalizer() throws Exception {
    orphan("stray", "job-uid");
    orphan("other", "another-uid");
    f.job("\"completions\": 1, \"parallelism\": 1");
    f.reconcile();
    ObjectNode stray = pod("stray");
    assertEquals("job-uid", stray.at("/metadata/ownerReferences/0/uid").asText());
    assertEquals("Job", stray.at("/metadata/ownerReferences/0/kind").asText());
    assertTrue(Pods.hasFinalizer(stray));
    assertTrue(pod("other").path("metadata").path("ownerReferences").isMissingNode(), "not selected");
    assertEquals(2, f.pods().size(), "the adopted pod runs the one completion: none made");
    assertEquals(1, f.status().path("active").asInt());
    f.end(stray, 0);
    f.reconcile();
    assertEquals(1, f.status().path("succeeded").asInt());
  }

  @Test
  void releasesAPodRelabelledOutOfItsSelectorWithoutTheFinalizer() throws Exception {
    f.job("\"completions\": 1, \"parallelism\": 1");
    f.reconcile();
    ObjectNode relabelled = f.pods().get(0).deepCopy();
    Metadata.of(relabelled).with("labels").put("batch.kubernetes.io/controller-uid", "debug");
    String name = Metadata.text(relabelled, "name");
    f.cluster.update(JobFixture.key(relabelled), relabelled).join();
    f.reconcile();
    ObjectNode released = pod(name);
    assertTrue(released.path("metadata").path("ownerReferences").isMissingNode());
    assertFalse(Pods.hasFinalizer(released));
    assertEquals(2, f.pods().size(), "a pod made in its place");
  }

  @Test
  void adoptsNothingWhileBeingDeleted() throws Exception {
    orphan("stray", "job-uid");
    ObjectNode deleting = f.job("\"completions\": 1, \"parallelism\": 1").deepCopy();
    Metadata.of(deleting).put("deletionTimestamp", "2026-12-02T10:00:00Z").putArray("finalizers").add("foregroundDeletion");
    f.cluster.put(Key.parse(JobFixture.JOB), deleting);
    f.reconcile();
    assertTrue(pod("stray").path("metadata").path("ownerReferences").isMissingNode());
  }

  private ObjectNode pod(String name) {
    return f.cluster.get(new Key("core", "pods", "ns", name));
  }

  /** A running pod without an owner, labelled as the Job with that uid labels its pods. */
  private void orphan(String name, String jobUid) {
    f.cluster.put(new Key("core", "pods", "ns", name), JobFixture.json("""
        {"apiVersion": "v1", "kind": "Pod",
         "metadata": {"name": "%s", "namespace": "ns", "uid": "%s",
           "labels": {"batch.kubernetes.io/controller-uid": "%s", "job-name": "x"}},
         "spec": {"restartPolicy": "Never", "containers": [{"name": "c", "image": "busybox"}]},
         "status": {"phase": "Running"}}""".formatted(name, name, jobUid)));
  }
}
