package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import io.logplane.tests.http.Api;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DaemonSets and StatefulSets on three hollow nodes, through the real kubectl: a pod Running on
 * each node and {@code rollout status ds} done, {@code set image ds} rolled to every node; a
 * StatefulSet of three up in ordinal order with its claims, {@code rollout status sts} done, and
 * {@code scale --replicas=1} removing web-2 before web-1; {@code rollout undo} of either back to
 * its first image, {@code rollout history} numbering the revisions as Kubernetes does.
 */
class SetsIT {

  @TempDir static Path dir;
  static Cluster cluster;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.withHollowNodes(dir, 3);
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aDaemonSetRunsAPodOnEveryNodeAndRollsANewImage() throws Exception {
    kubectl.ok("apply", "-f", kubectl.manifest("ds.yaml", """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: default}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec:
              containers: [{name: agent, image: "agent:1"}]
        """));
    kubectl.ok("rollout", "status", "ds/agent", "--timeout=90s");
    assertEquals(Set.of("hollow-node-0", "hollow-node-1", "hollow-node-2"), runningNodes("app=agent", "agent:1"));

    kubectl.ok("set", "image", "ds/agent", "agent=agent:2");
    kubectl.ok("rollout", "status", "ds/agent", "--timeout=120s");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
        runningNodes("app=agent", "agent:2").size() == 3 && kubectl.json("get", "pods", "-l", "app=agent").path("items").size() == 3);
    String history = kubectl.ok("rollout", "history", "ds/agent").out();
    assertTrue(history.matches("(?s).*\\n1 .*\\n2 .*"), history);
    String first = kubectl.ok("rollout", "history", "ds/agent", "--revision=1").out();
    assertTrue(first.contains("agent:1") && !first.contains("agent:2"), first);

    // undo: kubectl reads the revisions and patches the template back; revision 1 becomes 3
    kubectl.ok("rollout", "undo", "ds/agent");
    kubectl.ok("rollout", "status", "ds/agent", "--timeout=120s");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
        runningNodes("app=agent", "agent:1").size() == 3 && kubectl.json("get", "pods", "-l", "app=agent").path("items").size() == 3);
    assertEquals("agent:1", kubectl.json("get", "ds", "agent").at("/spec/template/spec/containers/0/image").asText());
    history = kubectl.ok("rollout", "history", "ds/agent").out();
    assertTrue(history.matches("(?s).*\\n2 .*\\n3 .*") && !history.contains("\n1 "), history);
    assertTrue(kubectl.ok("rollout", "history", "ds/agent", "--revision=3").out().contains("agent:1"));
  }

  @Test
  void aStatefulSetRollsBackWithRolloutUndo() throws Exception {
    kubectl.ok("apply", "-f", kubectl.manifest("db.yaml", """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: default}
        spec:
          replicas: 2
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers: [{name: db, image: "db:1"}]
        """));
    kubectl.ok("rollout", "status", "sts/db", "--timeout=120s");
    kubectl.ok("set", "image", "sts/db", "db=db:2");
    kubectl.ok("rollout", "status", "sts/db", "--timeout=120s");
    assertEquals(List.of("db:2", "db:2"), images("app=db"));
    String history = kubectl.ok("rollout", "history", "sts/db").out();
    assertTrue(history.matches("(?s).*\\n1 .*\\n2 .*"), history);
    assertTrue(kubectl.ok("rollout", "history", "sts/db", "--revision=1").out().contains("db:1"));

    kubectl.ok("rollout", "undo", "sts/db");
    kubectl.ok("rollout", "status", "sts/db", "--timeout=120s");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
        images("app=db").equals(List.of("db:1", "db:1")));
    history = kubectl.ok("rollout", "history", "sts/db").out();
    assertTrue(history.matches("(?s).*\\n2 .*\\n3 .*") && !history.contains("\n1 "), history);
    JsonNode status = kubectl.json("get", "sts", "db").path("status");
    assertEquals(status.path("currentRevision").asText(), status.path("updateRevision").asText());
  }

  /** The images of the running pods the selector selects, by pod name. */
  private static List<String> images(String selector) throws Exception {
    List<String> images = new ArrayList<>();
    for (JsonNode p : kubectl.json("get", "pods", "-l", selector, "--sort-by=.metadata.name").path("items")) {
      if ("Running".equals(p.at("/status/phase").asText()) && p.at("/metadata/deletionTimestamp").isMissingNode()) {
        images.add(p.at("/spec/containers/0/image").asText());
      }
    }
    return images;
  }

  @Test
  void aStatefulSetComesUpInOrderWithClaimsAndScalesDownFromTheTop() throws Exception {
    kubectl.ok("apply", "-f", kubectl.manifest("sts.yaml", """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: web, namespace: default}
        spec:
          replicas: 3
          serviceName: nginx
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: "nginx:1.25"}]
          volumeClaimTemplates:
          - metadata: {name: www}
            spec:
              accessModes: [ReadWriteOnce]
              resources: {requests: {storage: 1Gi}}
        """));
    kubectl.ok("rollout", "status", "sts/web", "--timeout=120s");
    for (int i = 1; i < 3; i++) {
      JsonNode before = kubectl.json("get", "pod", "web-" + (i - 1));
      JsonNode pod = kubectl.json("get", "pod", "web-" + i);
      Instant readyBefore = Instant.parse(readySince(before));
      Instant created = Instant.parse(pod.at("/metadata/creationTimestamp").asText());
      assertFalse(created.isBefore(readyBefore), "web-" + i + " made after web-" + (i - 1) + " was ready");
      assertEquals("web-" + i, pod.at("/spec/hostname").asText());
      assertEquals("nginx", pod.at("/spec/subdomain").asText());
    }
    String claims = kubectl.ok("get", "pvc", "-o", "name").out();
    for (int i = 0; i < 3; i++) {
      assertTrue(claims.contains("persistentvolumeclaim/www-web-" + i), claims);
    }

    String before = ClusterFixture.admin(cluster).get("/api/v1/namespaces/default/pods").json()
        .at("/metadata/resourceVersion").asText();
    kubectl.ok("scale", "sts/web", "--replicas=1");
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
        kubectl.json("get", "pods", "-l", "app=web").path("items").size() == 1);
    assertEquals("web-0", kubectl.json("get", "pods", "-l", "app=web").at("/items/0/metadata/name").asText());
    // the log keeps every change: a watch from before the scale replays the deletions in their order
    String replay = ClusterFixture.admin(cluster).get("/api/v1/namespaces/default/pods?watch=true&labelSelector=app%3Dweb"
        + "&timeoutSeconds=2&resourceVersion=" + before).text();
    List<String> deleted = new ArrayList<>();
    for (String line : replay.split("\n")) {
      JsonNode e = Api.JSON.readTree(line);
      if ("DELETED".equals(e.path("type").asText())) {
        deleted.add(e.at("/object/metadata/name").asText());
      }
    }
    assertEquals(List.of("web-2", "web-1"), deleted, replay.length() > 3000 ? replay.substring(0, 3000) : replay);
    assertTrue(kubectl.ok("get", "pvc", "-o", "name").out().contains("www-web-2"), "claims are kept");
    kubectl.ok("rollout", "status", "sts/web", "--timeout=60s");
  }

  private static String readySince(JsonNode pod) {
    for (JsonNode c : pod.at("/status/conditions")) {
      if ("Ready".equals(c.path("type").asText())) {
        return c.path("lastTransitionTime").asText();
      }
    }
    throw new AssertionError("not ready: " + pod);
  }

  private static Set<String> runningNodes(String selector, String image) throws Exception {
    Set<String> nodes = new HashSet<>();
    for (JsonNode p : kubectl.json("get", "pods", "-l", selector).path("items")) {
      if ("Running".equals(p.at("/status/phase").asText()) && image.equals(p.at("/spec/containers/0/image").asText())
          && p.at("/metadata/deletionTimestamp").isMissingNode()) {
        nodes.add(p.at("/spec/nodeName").asText());
      }
    }
    return nodes;
  }


}
