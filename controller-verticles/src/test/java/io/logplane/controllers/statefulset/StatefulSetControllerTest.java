package io.logplane.controllers.statefulset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.MemoryCluster;
import io.logplane.controllers.MutableClock;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * A StatefulSet over an in-memory cluster: pods made one at a time in ordinal order, each waiting
 * for the one before to be Running and Ready, with their claims; scaled down from the highest
 * ordinal, claims kept; a rolling update down to the partition; its revisions and status; the
 * pods and revisions it adopts and releases.
 */
class StatefulSetControllerTest {

  private static final String STS = "apps/statefulsets/ns/web";
  private final MemoryCluster cluster = new MemoryCluster();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
  private final Controller controller = StatefulSetController.controller(cluster.context(clock));

  @Test
  void podsAreMadeInOrderEachAfterThePreviousIsReady() throws Exception {
    statefulSet(3, "nginx:1.25", 0);
    reconcile();
    assertEquals(List.of("web-0"), pods());
    reconcile();
    assertEquals(List.of("web-0"), pods(), "web-0 is not Running and Ready yet");
    ObjectNode web0 = pod("web-0");
    assertEquals("web-0", web0.at("/spec/hostname").asText());
    assertEquals("nginx", web0.at("/spec/subdomain").asText());
    assertEquals("web-0", web0.at("/metadata/labels/statefulset.kubernetes.io~1pod-name").asText());
    assertEquals("0", web0.at("/metadata/labels/apps.kubernetes.io~1pod-index").asText());
    String revision = sts().at("/status/updateRevision").asText();
    assertEquals(revision, web0.at("/metadata/labels/controller-revision-hash").asText());
    assertEquals("www-web-0", web0.at("/spec/volumes/0/persistentVolumeClaim/claimName").asText());
    ObjectNode claim = cluster.get(Key.parse("core/persistentvolumeclaims/ns/www-web-0"));
    assertNotNull(claim);
    assertEquals("web", claim.at("/metadata/labels/app").asText());
    ready("web-0");
    reconcile();
    assertEquals(List.of("web-0", "web-1"), pods());
    ready("web-1");
    reconcile();
    ready("web-2");
    reconcile();
    JsonNode status = sts().path("status");
    assertEquals(3, status.path("replicas").asInt());
    assertEquals(3, status.path("readyReplicas").asInt());
    assertEquals(3, status.path("updatedReplicas").asInt());
    assertEquals(revision, status.path("currentRevision").asText());
  }

  @Test
  void aScaleDownRemovesTheHighestOrdinalFirstAndKeepsTheClaims() throws Exception {
    upAndReady(3);
    ObjectNode scaled = sts().deepCopy();
    ((ObjectNode) scaled.get("spec")).put("replicas", 1);
    cluster.put(Key.parse(STS), scaled);
    reconcile();
    assertEquals(List.of("web-0", "web-1"), pods());
    reconcile();
    assertEquals(List.of("web-0"), pods());
    assertNotNull(cluster.get(Key.parse("core/persistentvolumeclaims/ns/www-web-2")), "kept: whenScaled is Retain");
    assertEquals(1, sts().at("/status/replicas").asInt());
  }

  @Test
  void aRollingUpdateGoesFromTheHighestOrdinalDownToThePartition() throws Exception {
    upAndReady(3);
    String before = sts().at("/status/currentRevision").asText();
    ObjectNode next = sts().deepCopy();
    ((ObjectNode) next.at("/spec/template/spec/containers/0")).put("image", "nginx:1.26");
    ((ObjectNode) next.at("/spec/updateStrategy/rollingUpdate")).put("partition", 1);
    Metadata.of(next).put("generation", 2);
    cluster.put(Key.parse(STS), next);
    reconcile();
    String after = sts().at("/status/updateRevision").asText();
    assertNotEquals(before, after);
    assertEquals(List.of("web-0", "web-1"), pods(), "web-2 replaced first");
    reconcile();
    assertEquals("nginx:1.26", pod("web-2").at("/spec/containers/0/image").asText());
    assertEquals(after, pod("web-2").at("/metadata/labels/controller-revision-hash").asText());
    ready("web-2");
    reconcile();
    assertNull(cluster.get(Key.parse("core/pods/ns/web-1")));
    reconcile();
    ready("web-1");
    reconcile();
    assertEquals("nginx:1.25", pod("web-0").at("/spec/containers/0/image").asText(), "below the partition");
    JsonNode status = sts().path("status");
    assertEquals(2, status.path("updatedReplicas").asInt());
    assertEquals(1, status.path("currentReplicas").asInt());
    assertEquals(before, status.path("currentRevision").asText());
    assertEquals(2, revisionNumbers().size());
    assertEquals(2, status.path("observedGeneration").asInt());
  }

  @Test
  void adoptsTheOrphansItSelectsThatAreNamedForItsOrdinals() throws Exception {
    orphan("web-0", "web");
    orphan("db-0", "web");
    orphan("web-1", "other");
    statefulSet(2, "nginx:1.25", 0);
    reconcile();
    assertEquals("sts-uid", pod("web-0").at("/metadata/ownerReferences/0/uid").asText());
    assertTrue(pod("web-0").at("/metadata/ownerReferences/0/controller").asBoolean());
    assertTrue(pod("db-0").path("metadata").path("ownerReferences").isMissingNode(), "not named for the set");
    assertTrue(pod("web-1").path("metadata").path("ownerReferences").isMissingNode(), "not selected");
    assertEquals(List.of("db-0", "web-0", "web-1"), pods(), "web-0 adopted, not made again");
  }

  @Test
  void adoptsAnOrphanRevisionItSelects() throws Exception {
    upAndReady(1);
    ObjectNode orphaned = revisions().get(0).deepCopy();
    Metadata.of(orphaned).remove("ownerReferences");
    cluster.put(Key.parse("apps/controllerrevisions/ns/" + Metadata.text(orphaned, "name")), orphaned);
    reconcile();
    assertEquals(1, revisions().size());
    assertEquals("sts-uid", revisions().get(0).at("/metadata/ownerReferences/0/uid").asText());
  }

  @Test
  void releasesAPodRelabelledOutOfItsSelector() throws Exception {
    upAndReady(1);
    ObjectNode relabelled = pod("web-0").deepCopy();
    Metadata.of(relabelled).with("labels").put("app", "debug");
    cluster.update(Key.parse("core/pods/ns/web-0"), relabelled).join();
    // as kube: released, then its ordinal's pod cannot be made while the released one holds the name
    assertThrows(CompletionException.class, this::reconcile);
    assertTrue(pod("web-0").path("metadata").path("ownerReferences").isMissingNode(), "released");
  }

  @Test
  void adoptsNothingWhileBeingDeleted() throws Exception {
    orphan("web-0", "web");
    statefulSet(1, "nginx:1.25", 0);
    ObjectNode deleting = sts().deepCopy();
    Metadata.of(deleting).put("deletionTimestamp", "2026-12-02T10:00:00Z").putArray("finalizers").add("foregroundDeletion");
    cluster.put(Key.parse(STS), deleting);
    reconcile();
    assertTrue(pod("web-0").path("metadata").path("ownerReferences").isMissingNode());
  }

  private void upAndReady(int n) throws Exception {
    statefulSet(n, "nginx:1.25", 0);
    for (int i = 0; i < n; i++) {
      reconcile();
      ready("web-" + i);
    }
    reconcile();
  }

  private void reconcile() throws Exception {
    controller.reconciler().reconcile(STS);
  }

  private ObjectNode sts() {
    return cluster.get(Key.parse(STS));
  }

  private ObjectNode pod(String name) {
    return cluster.get(Key.parse("core/pods/ns/" + name));
  }

  private List<String> pods() {
    TreeSet<String> names = new TreeSet<>();
    cluster.informers.informer("core/pods/").list().forEach(p -> names.add(Metadata.text(p, "name")));
    return List.copyOf(names);
  }

  private TreeSet<Long> revisionNumbers() {
    TreeSet<Long> numbers = new TreeSet<>();
    cluster.informers.informer("apps/controllerrevisions/").list().forEach(r -> numbers.add(r.path("revision").asLong()));
    return numbers;
  }

  private List<ObjectNode> revisions() {
    return cluster.informers.informer("apps/controllerrevisions/").list();
  }

  /** A pod without an owner. */
  private void orphan(String name, String app) {
    cluster.put(Key.parse("core/pods/ns/" + name), json("""
        {"apiVersion": "v1", "kind": "Pod",
         "metadata": {"name": "%s", "namespace": "ns", "uid": "%s", "labels": {"app": "%s"}},
         "spec": {"containers": [{"name": "web", "image": "nginx:1.25"}]}, "status": {"phase": "Pending"}}"""
        .formatted(name, name, app)));
  }

  private void ready(String name) {
    ObjectNode next = pod(name).deepCopy();
    ((ObjectNode) next.get("spec")).put("nodeName", "n1");
    next.set("status", json("""
        {"phase": "Running", "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": "%s"}]}"""
        .formatted(clock.instant())));
    cluster.put(Key.parse("core/pods/ns/" + name), next);
  }

  private void statefulSet(int replicas, String image, int partition) {
    cluster.put(Key.parse(STS), json("""
        {"apiVersion": "apps/v1", "kind": "StatefulSet",
         "metadata": {"name": "web", "namespace": "ns", "uid": "sts-uid", "generation": 1},
         "spec": {"replicas": %d, "serviceName": "nginx", "selector": {"matchLabels": {"app": "web"}},
                  "podManagementPolicy": "OrderedReady", "revisionHistoryLimit": 10,
                  "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": %d}},
                  "persistentVolumeClaimRetentionPolicy": {"whenDeleted": "Retain", "whenScaled": "Retain"},
                  "template": {"metadata": {"labels": {"app": "web"}},
                               "spec": {"containers": [{"name": "web", "image": "%s"}]}},
                  "volumeClaimTemplates": [{"metadata": {"name": "www"},
                      "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]}}"""
        .formatted(replicas, partition, image)));
  }

  private static ObjectNode json(String s) {
    return Json.object(s.getBytes(StandardCharsets.UTF_8));
  }
}
