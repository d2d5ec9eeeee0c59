package io.logplane.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.MemoryCluster;
import io.logplane.controllers.Ready;
import io.logplane.controllers.Reconciler.Result;
import io.logplane.controllers.TestClock;
import io.logplane.controllers.replicaset.ReplicaSetController;
import io.logplane.controllers.replicaset.ReplicaSetKind;
import io.logplane.controllers.workload.Conditions;
import io.logplane.controllers.workload.Pods;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * A Deployment {@code web} in namespace {@code ns} over a {@link MemoryCluster}, with both
 * controllers stepped by hand until nothing more is written, pods made ready as a node would,
 * and {@code kubectl rollout status}'s reading of the Deployment.
 */
final class Workloads {

  static final String KEY = "apps/deployments/ns/web";

  final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
  final MemoryCluster cluster = new MemoryCluster(clock);
  final DeploymentController deployments = new DeploymentController(cluster.context(clock));
  final ReplicaSetController replicaSets = new ReplicaSetController(cluster.context(clock), ReplicaSetKind.REPLICA_SET);
  /** Checked after every single reconcile of {@link #settle}. */
  Runnable invariant = () -> { };

  ObjectNode create(int replicas, String strategy) throws Exception {
    return cluster.create(Key.parse(KEY), json("""
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "ns"},
         "spec": {"replicas": %d, "revisionHistoryLimit": 10, "progressDeadlineSeconds": 600,
          "selector": {"matchLabels": {"app": "web"}}, "strategy": %s,
          "template": {"metadata": {"labels": {"app": "web"}},
           "spec": {"containers": [{"name": "web", "image": "nginx:1"}]}}}}""".formatted(replicas, strategy))).get();
  }

  ObjectNode d() {
    return cluster.get(Key.parse(KEY));
  }

  /** Changes the Deployment's spec as a client would, ten seconds later than the last change. */
  void edit(Consumer<ObjectNode> change) throws Exception {
    clock.advance(java.time.Duration.ofSeconds(10));
    ObjectNode next = d().deepCopy();
    change.accept((ObjectNode) next.get("spec"));
    cluster.update(Key.parse(KEY), next).get();
  }

  void setImage(String image) throws Exception {
    edit(spec -> ((ObjectNode) spec.at("/template/spec/containers/0")).put("image", image));
  }

  /** Reconciles the Deployment and its sets until a round writes nothing; the Deployment's last result. */
  Result settle() throws Exception {
    Result last = null;
    for (int round = 0; round < 100; round++) {
      int before = cluster.writes.size();
      last = deployments.reconcile(KEY);
      invariant.run();
      for (ObjectNode rs : sets()) {
        replicaSets.reconcile("apps/replicasets/ns/" + Metadata.text(rs, "name"));
        invariant.run();
      }
      if (cluster.writes.size() == before) {
        return last;
      }
    }
    throw new AssertionError("no rest after 100 rounds: " + cluster.writes);
  }

  /** Makes every active pod not yet ready Running and Ready, as its node would. */
  void readyAll() throws Exception {
    for (ObjectNode p : activePods()) {
      if (!Pods.ready(p)) {
        Ready.mark(cluster, new Key("core", "pods", "ns", Metadata.text(p, "name")));
      }
    }
  }

  /** The sets, oldest first. */
  List<ObjectNode> sets() {
    return cluster.list("apps/replicasets/").stream()
        .sorted(Comparator.comparing((ObjectNode rs) -> Metadata.text(rs, "creationTimestamp"))
            .thenComparing(rs -> Metadata.text(rs, "name"))).toList();
  }

  List<ObjectNode> activePods() {
    return cluster.list("core/pods/").stream().filter(Pods::active).toList();
  }

  static int replicas(JsonNode rs) {
    return rs.path("spec").path("replicas").asInt();
  }

  static String annotation(JsonNode o, String name) {
    return o.path("metadata").path("annotations").path(name).asText(null);
  }

  ObjectNode condition(String type) {
    return Conditions.get(d().path("status"), type);
  }

  /** What {@code kubectl rollout status} prints for the Deployment now (its DeploymentStatusViewer). */
  String rolloutStatus() {
    ObjectNode d = d();
    JsonNode s = d.path("status");
    if (d.path("metadata").path("generation").asLong() > s.path("observedGeneration").asLong()) {
      return "Waiting for deployment spec update to be observed...";
    }
    ObjectNode progressing = condition("Progressing");
    if (progressing != null && progressing.path("reason").asText().equals("ProgressDeadlineExceeded")) {
      return "error: deployment \"web\" exceeded its progress deadline";
    }
    int replicas = d.at("/spec/replicas").asInt();
    int updated = s.path("updatedReplicas").asInt();
    if (updated < replicas) {
      return "Waiting for deployment \"web\" rollout to finish: " + updated + " out of " + replicas
          + " new replicas have been updated...";
    }
    if (s.path("replicas").asInt() > updated) {
      return "Waiting for deployment \"web\" rollout to finish: " + (s.path("replicas").asInt() - updated)
          + " old replicas are pending termination...";
    }
    if (s.path("availableReplicas").asInt() < updated) {
      return "Waiting for deployment \"web\" rollout to finish: " + s.path("availableReplicas").asInt() + " of "
          + updated + " updated replicas are available...";
    }
    return "deployment \"web\" successfully rolled out";
  }

  static ObjectNode json(String text) {
    return Json.object(text.getBytes(StandardCharsets.UTF_8));
  }
}
