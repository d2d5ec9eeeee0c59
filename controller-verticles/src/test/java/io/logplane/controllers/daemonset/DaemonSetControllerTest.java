package io.logplane.controllers.daemonset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A DaemonSet over an in-memory cluster: a pod pinned to each node it fits (not where a taint is
 * untolerated, but where only the daemon tolerations' taints are), nodes added and removed, a
 * rolling update one node at a time, its revisions and status, and the pods and revisions it
 * adopts and releases.
 */
class DaemonSetControllerTest {

  private static final String DS = "apps/daemonsets/ns/agent";
  private final MemoryCluster cluster = new MemoryCluster();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
  private final Controller controller = DaemonSetController.controller(cluster.context(clock));

  @Test
  void onePodPinnedToEachNodeItFits() throws Exception {
    node("n1", "");
    node("n2", "{\"key\": \"dedicated\", \"value\": \"db\", \"effect\": \"NoSchedule\"}");
    node("n3", "{\"key\": \"node.kubernetes.io/unschedulable\", \"effect\": \"NoSchedule\"}");
    daemonSet("agent:1");
    reconcile();
    Map<String, List<ObjectNode>> byNode = byNode();
    assertEquals(List.of("n1", "n3"), List.copyOf(byNode.keySet()));
    ObjectNode pod = byNode.get("n1").get(0);
    assertEquals("n1", pod.at("/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution"
        + "/nodeSelectorTerms/0/matchFields/0/values/0").asText());
    assertTrue(pod.at("/spec/nodeName").isMissingNode(), "left for the scheduler to bind");
    assertEquals(6, pod.at("/spec/tolerations").size());
    assertEquals("agent", pod.at("/metadata/ownerReferences/0/name").asText());
    ObjectNode revision = revisions().get(0);
    String hash = revision.at("/metadata/labels/controller-revision-hash").asText();
    assertEquals("agent-" + hash, Metadata.text(revision, "name"));
    assertEquals(hash, pod.at("/metadata/labels/controller-revision-hash").asText());
    assertEquals(1, revision.path("revision").asLong());
    JsonNode status = ds().path("status");
    assertEquals(2, status.path("desiredNumberScheduled").asInt());
    assertEquals(2, status.path("currentNumberScheduled").asInt());
    assertEquals(1, status.path("observedGeneration").asInt());
  }

  @Test
  void aNodeAddedGetsAPodAndAPodWaitingForARemovedNodeGoes() throws Exception {
    node("n1", "");
    daemonSet("agent:1");
    reconcile();
    node("n2", "");
    reconcile();
    assertEquals(List.of("n1", "n2"), List.copyOf(byNode().keySet()));
    cluster.delete(Key.parse("core/nodes//n2"), null, null).join();
    reconcile();
    assertEquals(List.of("n1"), List.copyOf(byNode().keySet()));
    assertEquals(1, ds().at("/status/desiredNumberScheduled").asInt());
  }

  @Test
  void aRollingUpdateReplacesOneNodesPodAtATime() throws Exception {
    node("n1", "");
    node("n2", "");
    daemonSet("agent:1");
    reconcile();
    runAll();
    reconcile();
    assertEquals(2, ds().at("/status/numberAvailable").asInt());
    ObjectNode next = ds().deepCopy();
    ((ObjectNode) next.at("/spec/template/spec/containers/0")).put("image", "agent:2");
    Metadata.of(next).put("generation", 2);
    cluster.put(Key.parse(DS), next);
    reconcile();
    assertEquals(2, revisions().size());
    String hash2 = revisions().get(1).at("/metadata/labels/controller-revision-hash").asText();
    assertEquals(1, byNode().size(), "maxUnavailable 1: one old pod deleted");
    reconcile();
    assertEquals(2, byNode().size());
    reconcile();
    assertEquals(2, byNode().size(), "the new pod is not available yet: no other old pod goes");
    runAll();
    reconcile();
    reconcile();
    runAll();
    reconcile();
    for (List<ObjectNode> pods : byNode().values()) {
      assertEquals(hash2, pods.get(0).at("/metadata/labels/controller-revision-hash").asText());
    }
    JsonNode status = ds().path("status");
    assertEquals(2, status.path("updatedNumberScheduled").asInt());
    assertEquals(2, status.path("numberAvailable").asInt());
    assertEquals(2, status.path("observedGeneration").asInt());
  }

  @Test
  void adoptsOrphansItSelectsAndDeletesTheSurplusOnANode() throws Exception {
    node("n1", "");
    node("n2", "");
    orphan("old", "n1", "agent", "2026-12-02T09:00:00Z");
    orphan("young", "n1", "agent", "2026-12-02T09:30:00Z");
    orphan("stranger", "n2", "other", "2026-12-02T09:30:00Z");
    daemonSet("agent:1");
    reconcile();
    assertEquals("ds-uid", pod("old").at("/metadata/ownerReferences/0/uid").asText());
    assertTrue(pod("old").at("/metadata/ownerReferences/0/controller").asBoolean()
        && pod("old").at("/metadata/ownerReferences/0/blockOwnerDeletion").asBoolean());
    assertNull(pod("young"), "adopted, then deleted: n1 had a daemon pod already");
    assertTrue(pod("stranger").path("metadata").path("ownerReferences").isMissingNode(), "not selected");
    assertEquals(List.of("n1", "n2"), List.copyOf(owned().keySet()), "n2 got a pod of its own");
    assertEquals(1, owned().get("n1").size());
  }

  @Test
  void adoptsAnOrphanRevisionOfItsTemplateInsteadOfMakingOne() throws Exception {
    node("n1", "");
    daemonSet("agent:1");
    reconcile();
    ObjectNode orphaned = revisions().get(0).deepCopy();
    Metadata.of(orphaned).remove("ownerReferences");
    cluster.put(Key.parse("apps/controllerrevisions/ns/" + Metadata.text(orphaned, "name")), orphaned);
    reconcile();
    assertEquals(1, revisions().size());
    assertEquals("ds-uid", revisions().get(0).at("/metadata/ownerReferences/0/uid").asText());
  }

  @Test
  void releasesAPodRelabelledOutOfItsSelectorAndReplacesIt() throws Exception {
    node("n1", "");
    daemonSet("agent:1");
    reconcile();
    ObjectNode relabelled = byNode().get("n1").get(0).deepCopy();
    Metadata.of(relabelled).with("labels").put("app", "debug");
    String name = Metadata.text(relabelled, "name");
    cluster.update(Key.parse("core/pods/ns/" + name), relabelled).join();
    reconcile();
    assertTrue(pod(name).path("metadata").path("ownerReferences").isMissingNode(), "released");
    assertEquals(1, owned().get("n1").size(), "a new pod for n1");
  }

  @Test
  void adoptsNothingWhileBeingDeleted() throws Exception {
    node("n1", "");
    orphan("old", "n1", "agent", "2026-12-02T09:00:00Z");
    daemonSet("agent:1");
    ObjectNode deleting = ds().deepCopy();
    Metadata.of(deleting).put("deletionTimestamp", "2026-12-02T10:00:00Z").putArray("finalizers").add("foregroundDeletion");
    cluster.put(Key.parse(DS), deleting);
    reconcile();
    assertTrue(pod("old").path("metadata").path("ownerReferences").isMissingNode());
  }

  private void reconcile() throws Exception {
    controller.reconciler().reconcile(DS);
  }

  private ObjectNode ds() {
    return cluster.get(Key.parse(DS));
  }

  private List<ObjectNode> revisions() {
    List<ObjectNode> list = new java.util.ArrayList<>(cluster.informers.informer("apps/controllerrevisions/").list());
    list.sort(java.util.Comparator.comparingLong(r -> r.path("revision").asLong()));
    return list;
  }

  private Map<String, List<ObjectNode>> byNode() {
    return new TreeMap<>(DaemonPods.byNode(cluster.informers.informer("core/pods/").list()));
  }

  /** What the scheduler and the node do: bind each pod to its node, run it, make it ready. */
  private void runAll() {
    for (ObjectNode pod : cluster.informers.informer("core/pods/").list()) {
      ObjectNode next = pod.deepCopy();
      ((ObjectNode) next.get("spec")).put("nodeName", Affinity.targetNode(pod));
      next.set("status", json("""
          {"phase": "Running", "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": "%s"}]}"""
          .formatted(clock.instant())));
      cluster.put(Key.parse("core/pods/ns/" + Metadata.text(pod, "name")), next);
    }
  }

  private ObjectNode pod(String name) {
    return cluster.get(Key.parse("core/pods/ns/" + name));
  }

  /** The DaemonSet's pods by node. */
  private Map<String, List<ObjectNode>> owned() {
    return new TreeMap<>(DaemonPods.byNode(cluster.informers.informer("core/pods/").list().stream()
        .filter(p -> "ds-uid".equals(p.at("/metadata/ownerReferences/0/uid").asText())).toList()));
  }

  /** A running pod without an owner, bound to the node. */
  private void orphan(String name, String node, String app, String created) {
    cluster.put(Key.parse("core/pods/ns/" + name), json("""
        {"apiVersion": "v1", "kind": "Pod",
         "metadata": {"name": "%s", "namespace": "ns", "uid": "%s", "creationTimestamp": "%s", "labels": {"app": "%s"}},
         "spec": {"nodeName": "%s", "containers": [{"name": "agent", "image": "agent:1"}]},
         "status": {"phase": "Running"}}""".formatted(name, name, created, app, node)));
  }

  private void node(String name, String taint) {
    cluster.put(Key.parse("core/nodes//" + name), json("""
        {"metadata": {"name": "%s", "uid": "%s"}, "spec": {"taints": [%s]}}""".formatted(name, name, taint)));
  }

  private void daemonSet(String image) {
    cluster.put(Key.parse(DS), json("""
        {"apiVersion": "apps/v1", "kind": "DaemonSet",
         "metadata": {"name": "agent", "namespace": "ns", "uid": "ds-uid", "generation": 1},
         "spec": {"selector": {"matchLabels": {"app": "agent"}}, "revisionHistoryLimit": 10,
                  "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1, "maxSurge": 0}},
                  "template": {"metadata": {"labels": {"app": "agent"}},
                               "spec": {"containers": [{"name": "agent", "image": "%s"}]}}}}""".formatted(image)));
  }

  private static ObjectNode json(String s) {
    return Json.object(s.getBytes(StandardCharsets.UTF_8));
  }
}
