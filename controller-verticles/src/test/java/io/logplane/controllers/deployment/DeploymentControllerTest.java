package io.logplane.controllers.deployment;

import static io.logplane.controllers.deployment.Workloads.annotation;
import static io.logplane.controllers.deployment.Workloads.replicas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.workload.Owners;
import io.logplane.controllers.workload.Pods;
import io.logplane.projections.Metadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Deployment's first rollout, RollingUpdate step by step, Recreate, scaling, and adoption,
 * with both controllers over an in-memory store and pods made ready by the test.
 */
class DeploymentControllerTest {

  static final String DEFAULT = "{\"type\": \"RollingUpdate\", \"rollingUpdate\": {\"maxSurge\": \"25%\", \"maxUnavailable\": \"25%\"}}";
  static final String ONE_BY_ONE = "{\"type\": \"RollingUpdate\", \"rollingUpdate\": {\"maxSurge\": 1, \"maxUnavailable\": 1}}";

  private final Workloads w = new Workloads();

  @Test
  void makesAReplicaSetNamedByItsTemplateHashAndRollsOutOncePodsAreReady() throws Exception {
    ObjectNode d = w.create(3, DEFAULT);
    w.settle();
    List<ObjectNode> sets = w.sets();
    assertEquals(1, sets.size());
    ObjectNode rs = sets.get(0);
    String hash = TemplateHash.of(d.at("/spec/template"), null);
    assertEquals("web-" + hash, Metadata.text(rs, "name"));
    for (String path : new String[] {"/metadata/labels", "/spec/selector/matchLabels", "/spec/template/metadata/labels"}) {
      assertEquals(hash, rs.at(path).path("pod-template-hash").asText(), path);
      assertEquals("web", rs.at(path).path("app").asText(), path);
    }
    JsonNode ref = rs.at("/metadata/ownerReferences/0");
    assertEquals("Deployment", ref.path("kind").asText());
    assertEquals(Metadata.uid(d), ref.path("uid").asText());
    assertTrue(ref.path("controller").asBoolean() && ref.path("blockOwnerDeletion").asBoolean());
    assertEquals("1", annotation(rs, Revisions.REVISION));
    assertEquals("3", annotation(rs, Revisions.DESIRED));
    assertEquals("4", annotation(rs, Revisions.MAX), "25% of 3 rounds up to a surge of 1");
    assertEquals("1", annotation(w.d(), Revisions.REVISION));
    assertEquals(List.of("Scaled up replica set web-" + hash + " to 3"), w.cluster.list("core/events/").stream()
        .filter(e -> e.path("reason").asText().equals("ScalingReplicaSet")).map(e -> e.path("message").asText())
        .toList(), "a new set is scaled up as it is created");
    assertEquals(3, w.activePods().size());
    for (ObjectNode p : w.activePods()) {
      assertEquals(hash, p.at("/metadata/labels/pod-template-hash").asText());
      assertTrue(Owners.controlledBy(p, Metadata.uid(rs)));
    }
    assertEquals("Waiting for deployment \"web\" rollout to finish: 0 of 3 updated replicas are available...",
        w.rolloutStatus());
    assertEquals("MinimumReplicasUnavailable", w.condition("Available").path("reason").asText());
    assertEquals("ReplicaSetUpdated", w.condition("Progressing").path("reason").asText());
    assertEquals(3, w.d().at("/status/unavailableReplicas").asInt());

    w.readyAll();
    w.settle();
    assertEquals("deployment \"web\" successfully rolled out", w.rolloutStatus());
    assertEquals("True", w.condition("Available").path("status").asText());
    ObjectNode progressing = w.condition("Progressing");
    assertEquals("NewReplicaSetAvailable", progressing.path("reason").asText());
    assertEquals("ReplicaSet \"web-" + hash + "\" has successfully progressed.", progressing.path("message").asText());
    JsonNode status = w.d().path("status");
    assertEquals(List.of(3, 3, 3, 3, 1), List.of(status.path("replicas").asInt(), status.path("updatedReplicas").asInt(),
        status.path("readyReplicas").asInt(), status.path("availableReplicas").asInt(),
        status.path("observedGeneration").asInt()));
    assertTrue(!status.has("unavailableReplicas"));
  }

  @Test
  void rollingUpdateNeverExceedsMaxSurgeNorFallsBelowMaxUnavailable() throws Exception {
    w.create(4, ONE_BY_ONE);
    w.settle();
    w.readyAll();
    w.settle();
    w.invariant = () -> {
      int total = w.sets().stream().mapToInt(Workloads::replicas).sum();
      assertTrue(total <= 5, "at most 4 + maxSurge 1 replicas wanted, got " + total);
      long ready = w.activePods().stream().filter(Pods::ready).count();
      assertTrue(ready >= 3, "at least 4 - maxUnavailable 1 pods ready, got " + ready);
    };
    w.setImage("nginx:2");
    w.settle();
    ObjectNode old = w.sets().get(0);
    ObjectNode next = w.sets().get(1);
    assertEquals(List.of(3, 2), List.of(replicas(old), replicas(next)), "surged by one, one old pod gone");
    assertEquals("Waiting for deployment \"web\" rollout to finish: 2 out of 4 new replicas have been updated...",
        w.rolloutStatus());
    for (int step = 0; step < 4 && !w.rolloutStatus().contains("successfully"); step++) {
      w.readyAll();
      w.settle();
    }
    assertEquals("deployment \"web\" successfully rolled out", w.rolloutStatus());
    assertEquals(List.of(0, 4), w.sets().stream().map(Workloads::replicas).toList());
    assertEquals(List.of("1", "2"), w.sets().stream().map(rs -> annotation(rs, Revisions.REVISION)).toList());
    assertEquals("2", annotation(w.d(), Revisions.REVISION));
    assertTrue(w.activePods().stream().allMatch(p -> p.at("/spec/containers/0/image").asText().equals("nginx:2")));
  }

  @Test
  void recreateStartsTheNewPodsOnlyOnceTheOldOnesAreGone() throws Exception {
    w.create(3, "{\"type\": \"Recreate\"}");
    w.settle();
    w.readyAll();
    w.settle();
    w.cluster.gracefulPods = true;
    w.setImage("nginx:2");
    w.settle();
    assertEquals(1, w.sets().size(), "no new set while old pods terminate");
    assertEquals(0, replicas(w.sets().get(0)));
    assertEquals(3, w.cluster.list("core/pods/").stream().filter(Metadata::terminating).count());

    w.cluster.finishTerminating();
    w.settle();
    assertEquals(List.of(0, 3), w.sets().stream().map(Workloads::replicas).toList());
    assertEquals(3, w.activePods().size());
    w.readyAll();
    w.settle();
    assertEquals("deployment \"web\" successfully rolled out", w.rolloutStatus());
  }

  @Test
  void scalingResizesTheOnlySetOrEverySetInProportionDuringARollout() throws Exception {
    w.create(3, DEFAULT);
    w.settle();
    w.edit(spec -> spec.put("replicas", 5));
    w.settle();
    ObjectNode rs = w.sets().get(0);
    assertEquals(5, replicas(rs));
    assertEquals(List.of("5", "7"), List.of(annotation(rs, Revisions.DESIRED), annotation(rs, Revisions.MAX)));

    Workloads p = new Workloads();
    p.create(10, "{\"type\": \"RollingUpdate\", \"rollingUpdate\": {\"maxSurge\": 3, \"maxUnavailable\": 2}}");
    p.settle();
    p.readyAll();
    p.settle();
    p.setImage("nginx:broken");
    p.settle();
    assertEquals(List.of(8, 5), p.sets().stream().map(Workloads::replicas).toList());
    p.edit(spec -> spec.put("replicas", 15));
    p.settle();
    assertEquals(List.of(11, 7), p.sets().stream().map(Workloads::replicas).toList(),
        "the 5 more allowed (15 + 3 - 13) shared in proportion to 8 and 5");
  }

  @Test
  void adoptsAnOrphanReplicaSetOfItsTemplateInsteadOfMakingOne() throws Exception {
    ObjectNode orphan = w.cluster.create(io.logplane.projections.Key.parse("apps/replicasets/ns/web-orphan"),
        Workloads.json("""
            {"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "web-orphan", "namespace": "ns",
              "labels": {"app": "web"}},
             "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "web"}},
              "template": {"metadata": {"labels": {"app": "web"}},
               "spec": {"containers": [{"name": "web", "image": "nginx:1"}]}}}}""")).get();
    ObjectNode d = w.create(2, DEFAULT);
    w.settle();
    assertEquals(1, w.sets().size());
    ObjectNode rs = w.sets().get(0);
    assertEquals(Metadata.uid(orphan), Metadata.uid(rs));
    assertTrue(Owners.controlledBy(rs, Metadata.uid(d)));
    assertEquals(2, replicas(rs));
    assertEquals("1", annotation(rs, Revisions.REVISION));
  }
}
