package io.logplane.controllers.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.MemoryCluster;
import io.logplane.controllers.Reconciler;
import io.logplane.controllers.TestClock;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/** A Job as the API stores it, its controller over a MemoryCluster, and a hand that ends its pods as a node would. */
final class JobFixture {

  static final String JOB = "batch/jobs/ns/x";
  final TestClock clock = new TestClock("2026-12-02T10:00:00Z");
  final MemoryCluster cluster = new MemoryCluster();
  final Controller controller = JobController.controller(cluster.context(clock));

  /** A Job named x with the given spec fields (JSON members), selector and labels as the API generates them. */
  ObjectNode job(String specFields) {
    ObjectNode job = json("""
        {"apiVersion": "batch/v1", "kind": "Job",
         "metadata": {"name": "x", "namespace": "ns", "uid": "job-uid", "creationTimestamp": "2026-12-02T10:00:00Z"},
         "spec": {"backoffLimit": 6, %s%s
           "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": "job-uid"}},
           "template": {"metadata": {"labels": {"batch.kubernetes.io/controller-uid": "job-uid",
             "batch.kubernetes.io/job-name": "x", "controller-uid": "job-uid", "job-name": "x"}},
             "spec": {"restartPolicy": "Never", "containers": [{"name": "c", "image": "busybox"}]}}}}"""
        .formatted(specFields, specFields.isEmpty() ? "" : ","));
    // the given fields come after the defaults: a repeated member's last value is the one read
    return cluster.put(Key.parse(JOB), job);
  }

  Reconciler.Result reconcile() throws Exception {
    return controller.reconciler().reconcile(JOB);
  }

  ObjectNode stored() {
    return cluster.get(Key.parse(JOB));
  }

  JsonNode status() {
    return stored().path("status");
  }

  /** The Job's pods by name. */
  List<ObjectNode> pods() {
    return cluster.informers.informer("core/pods/").list().stream()
        .sorted(Comparator.comparing(p -> Metadata.text(p, "name"))).toList();
  }

  List<ObjectNode> running() {
    return pods().stream().filter(Pods::active).toList();
  }

  /** Ends the pod as its node would: phase, and its container terminated with the exit code now. */
  void end(ObjectNode pod, int exitCode) {
    ObjectNode next = pod.deepCopy();
    ObjectNode status = next.putObject("status").put("phase", exitCode == 0 ? "Succeeded" : "Failed");
    status.putArray("containerStatuses").addObject().put("name", "c").putObject("state").putObject("terminated")
        .put("exitCode", exitCode).put("finishedAt", Metadata.time(clock.millis()));
    cluster.put(key(pod), next);
  }

  static Key key(JsonNode pod) {
    return new Key("core", "pods", "ns", Metadata.text(pod, "name"));
  }

  static ObjectNode json(String s) {
    return Json.object(s.getBytes(StandardCharsets.UTF_8));
  }
}
