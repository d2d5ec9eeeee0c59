package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import io.logplane.projections.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Garbage collection by ownerReferences against a real server and the real kubectl, as kube's
 * collector does it: an object created with no owner there is accepted and then gone, one whose
 * owner was deleted before it was made too, and an object with two owners outlives the first
 * (losing its reference) and goes with the second. A write answers once the projection applied
 * it, and the collection is decided in the same record, so each get right after sees it.
 */
class GarbageCollectionIT {

  @TempDir static Path dir;
  static Cluster cluster;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(dir);
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
    kubectl.ok("create", "namespace", "gc");
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void anObjectWhoseOwnerDoesNotExistIsCollected() throws Exception {
    String created = kubectl.ok("create", "-f", kubectl.manifest("stray.yaml", configMap("stray",
        owner("v1", "ConfigMap", "never-was", "00000000-0000-0000-0000-000000000001")))).out();
    assertTrue(created.contains("configmap/stray created"), created);
    assertGone("configmap", "stray");
  }

  @Test
  void aPodMadeAfterItsReplicaSetWasDeletedIsCollected() throws Exception {
    kubectl.ok("create", "-f", kubectl.manifest("rs.yaml", """
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: late, namespace: gc}
        spec:
          replicas: 0
          selector: {matchLabels: {app: late}}
          template:
            metadata: {labels: {app: late}}
            spec: {containers: [{name: c, image: nginx}]}
        """));
    String uid = uid("rs", "late");
    kubectl.ok("delete", "rs", "late", "-n", "gc");
    kubectl.ok("create", "-f", kubectl.manifest("late-pod.yaml", """
        apiVersion: v1
        kind: Pod
        metadata:
          name: late-pod
          namespace: gc
          labels: {app: late}
          ownerReferences: [%s]
        spec: {containers: [{name: c, image: nginx}]}
        """.formatted(owner("apps/v1", "ReplicaSet", "late", uid))));
    assertGone("pod", "late-pod");
  }

  /**
   * A Deployment deleted with its ReplicaSet and pods in one record: no pod is made after it. The
   * ReplicaSet controller, woken by its pods' deletion, once read the set from a cache that did
   * not have that record yet, and made new pods, which the collector then took at once.
   */
  @Test
  void aDeletedDeploymentsReplicaSetMakesNoPodAfterIt() throws Exception {
    kubectl.ok("create", "deployment", "gone", "-n", "gc", "--image=nginx", "--replicas=3");
    await("three pods").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> kubectl.json("get", "pods", "-n", "gc", "-l", "app=gone").path("items").size() == 3);
    // the server's list, not kubectl's (which has no resourceVersion)
    String from = Json.MAPPER.readTree(kubectl.ok("get", "--raw", "/api/v1/namespaces/gc/pods").out())
        .at("/metadata/resourceVersion").asText();
    kubectl.ok("delete", "deployment", "gone", "-n", "gc");
    await("the pods are gone").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> kubectl.json("get", "pods", "-n", "gc", "-l", "app=gone").path("items").isEmpty());
    String events = kubectl.ok("get", "--raw", "/api/v1/namespaces/gc/pods?watch=true&resourceVersion=" + from
        + "&timeoutSeconds=2&labelSelector=app%3Dgone").out();
    assertEquals(3, events.lines().filter(l -> l.contains("\"type\":\"DELETED\"")).count(), events);
    assertEquals(List.of(), events.lines().filter(l -> l.contains("\"type\":\"ADDED\"")).toList());
  }

  @Test
  void anObjectOutlivesOneOfItsTwoOwnersAndGoesWithTheOther() throws Exception {
    kubectl.ok("create", "configmap", "owner-a", "-n", "gc");
    kubectl.ok("create", "configmap", "owner-b", "-n", "gc");
    String a = uid("configmap", "owner-a");
    String b = uid("configmap", "owner-b");
    kubectl.ok("create", "-f", kubectl.manifest("shared.yaml", configMap("shared",
        owner("v1", "ConfigMap", "owner-a", a) + ", " + owner("v1", "ConfigMap", "owner-b", b))));
    assertEquals(2, refs("shared").size());

    kubectl.ok("delete", "configmap", "owner-a", "-n", "gc");
    JsonNode left = refs("shared");
    assertEquals(1, left.size(), left::toString);
    assertEquals(b, left.get(0).path("uid").asText());

    kubectl.ok("delete", "configmap", "owner-b", "-n", "gc");
    assertGone("configmap", "shared");
  }

  private static String configMap(String name, String ownerReferences) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: %s
          namespace: gc
          ownerReferences: [%s]
        data: {k: v}
        """.formatted(name, ownerReferences);
  }

  private static String owner(String apiVersion, String kind, String name, String uid) {
    return "{apiVersion: " + apiVersion + ", kind: " + kind + ", name: " + name + ", uid: " + uid + "}";
  }

  private static String uid(String resource, String name) throws Exception {
    return kubectl.json("get", resource, name, "-n", "gc").at("/metadata/uid").asText();
  }

  private static JsonNode refs(String configMap) throws Exception {
    return kubectl.json("get", "configmap", configMap, "-n", "gc").at("/metadata/ownerReferences");
  }

  private static void assertGone(String resource, String name) {
    Kubectl.Result r = kubectl.run("get", resource, name, "-n", "gc");
    assertEquals(1, r.exit(), r::all);
    assertTrue(r.err().contains("NotFound") || r.err().contains("not found"), r::all);
  }
}
