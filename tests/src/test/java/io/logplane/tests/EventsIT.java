package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One Event resource served through two groups, as kube-apiserver serves it: the real kubectl
 * lists the same Events as core/v1 and as events.k8s.io/v1 (each with its field names and field
 * selectors), and a watch on one group sees what is written through the other.
 */
class EventsIT {

  @TempDir static Path dir;
  static Cluster cluster;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(dir);
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theControllersEventsReadTheSameThroughBothGroups() throws Exception {
    kubectl.ok("create", "deployment", "web", "--image=nginx", "--replicas=2");
    await().atMost(Duration.ofSeconds(60)).until(() -> kubectl.ok("get", "events",
        "--field-selector=involvedObject.name=web,reason=ScalingReplicaSet", "-o", "name").out().contains("event/"));

    JsonNode core = kubectl.json("get", "events", "--field-selector=involvedObject.kind=Deployment");
    JsonNode v1 = kubectl.json("get", "events.v1.events.k8s.io", "--field-selector=regarding.kind=Deployment");
    assertEquals(names(core), names(v1));
    JsonNode c = core.at("/items/0");
    JsonNode e = v1.at("/items/0");
    assertEquals("events.k8s.io/v1", e.path("apiVersion").asText(), e.toString());
    assertEquals(c.at("/metadata/resourceVersion"), e.at("/metadata/resourceVersion"));
    assertEquals(c.path("message").asText(), e.path("note").asText(), e.toString());
    assertTrue(e.path("note").asText().startsWith("Scaled up replica set web-"), e.toString());
    assertEquals(c.path("involvedObject"), e.path("regarding"));
    assertEquals(c.path("source"), e.path("deprecatedSource"));
    assertEquals(c.path("count"), e.path("deprecatedCount"));
    assertEquals(c.path("firstTimestamp"), e.path("deprecatedFirstTimestamp"));
    assertEquals("ScalingReplicaSet", e.path("reason").asText());
    assertEquals("Normal", e.path("type").asText());
    assertEquals(names(core), names(kubectl.json("get", "events.v1.events.k8s.io",
        "--field-selector=regarding.name=web,reason=ScalingReplicaSet,type=Normal")));

    var unsupported = kubectl.run("get", "events.v1.events.k8s.io", "--field-selector=involvedObject.name=web");
    assertTrue(unsupported.err().contains("field label not supported: involvedObject.name"), unsupported.all());
    assertTrue(kubectl.ok("get", "events.v1.events.k8s.io").out().contains("ScalingReplicaSet"));
  }

  /**
   * kubectl watches from the resourceVersion of the list it prints first: once an object listed
   * is printed, every later write reaches the watch, so the writes here wait for that.
   */
  @Test
  void aWatchOnOneGroupSeesWritesThroughTheOther() throws Exception {
    kubectl.ok("create", "-f", kubectl.manifest("marker.yaml", """
        apiVersion: v1
        kind: Event
        metadata: {name: marker}
        involvedObject: {kind: ConfigMap, name: settings, namespace: default}
        reason: Marked
        message: listed first
        """));
    Process watch = kubectl.start("get", "events", "--watch", "-o", "custom-columns=NAME:.metadata.name,"
        + "MESSAGE:.message,OBJECT:.involvedObject.name,COMPONENT:.reportingComponent");
    Kubectl.Drain out = new Kubectl.Drain(watch.getInputStream());
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> out.text().contains("marker"));
      kubectl.ok("create", "-f", kubectl.manifest("event.yaml", """
          apiVersion: events.k8s.io/v1
          kind: Event
          metadata: {name: by-new-api}
          eventTime: "2026-01-01T00:00:00.000000Z"
          reportingController: example.com/operator
          reportingInstance: operator-0
          action: Reconcile
          reason: Reconciled
          regarding: {kind: ConfigMap, name: settings, namespace: default}
          note: settings reconciled
          type: Normal
          """));
      await().atMost(Duration.ofSeconds(30)).until(() -> out.text()
          .matches("(?s).*by-new-api +settings reconciled +settings +example.com/operator.*"));
    } finally {
      watch.destroy();
    }
    JsonNode core = kubectl.json("get", "event", "by-new-api");
    assertEquals("v1", core.path("apiVersion").asText());
    assertEquals("Reconcile", core.path("action").asText());
    assertEquals("operator-0", core.path("reportingInstance").asText());

    Process watchV1 = kubectl.start("get", "events.v1.events.k8s.io", "--watch", "-o",
        "custom-columns=NAME:.metadata.name,NOTE:.note");
    Kubectl.Drain outV1 = new Kubectl.Drain(watchV1.getInputStream());
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> outV1.text().contains("by-new-api"));
      kubectl.ok("patch", "event", "by-new-api", "--type=merge", "-p", "{\"message\":\"settings changed\"}");
      await().atMost(Duration.ofSeconds(30)).until(() -> outV1.text().matches("(?s).*by-new-api +settings changed.*"));
    } finally {
      watchV1.destroy();
    }
    kubectl.ok("delete", "events.v1.events.k8s.io", "by-new-api");
    assertTrue(kubectl.run("get", "event", "by-new-api").exit() != 0);
  }

  private static List<String> names(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.path("items").forEach(i -> out.add(i.at("/metadata/name").asText()));
    return out;
  }
}
