package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Preemption end to end on two hollow nodes (4 cpu each), through the real kubectl: pods of
 * priority 0 fill the nodes' cpu; a pod of a PriorityClass that may not preempt waits, saying
 * why; one of a PriorityClass of value 1000 evicts one of them (its Preempted Event, its
 * deletion) and runs where it made room.
 */
class PreemptionIT {

  @TempDir static Path dir;
  static Cluster cluster;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.withHollowNodes(dir, 2);
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aPodOfHigherPriorityPreemptsOneOfLowerPriority() throws Exception {
    kubectl.ok("apply", "-f", kubectl.manifest("classes.yaml", """
        apiVersion: scheduling.k8s.io/v1
        kind: PriorityClass
        metadata: {name: high}
        value: 1000
        ---
        apiVersion: scheduling.k8s.io/v1
        kind: PriorityClass
        metadata: {name: high-never}
        value: 1000
        preemptionPolicy: Never
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: low, namespace: default}
        spec:
          replicas: 4
          selector: {matchLabels: {app: low}}
          template:
            metadata: {labels: {app: low}}
            spec:
              terminationGracePeriodSeconds: 1
              containers: [{name: low, image: nginx, resources: {requests: {cpu: 1800m}}}]
        """));
    kubectl.ok("rollout", "status", "deploy/low", "--timeout=120s");

    kubectl.ok("run", "polite", "--image=nginx", "--overrides", overrides("high-never"));
    await().atMost(Duration.ofSeconds(60)).until(() -> kubectl.ok("describe", "pod", "polite").out()
        .matches("(?s).*FailedScheduling.*0/2 nodes are available: 2 Insufficient cpu\\. preemption: not eligible"
            + " due to preemptionPolicy=Never\\..*"));
    assertEquals(0, preempted().size());
    kubectl.ok("delete", "pod", "polite");

    kubectl.ok("run", "vip", "--image=nginx", "--overrides", overrides("high"));
    kubectl.ok("wait", "--for=condition=Ready", "pod/vip", "--timeout=90s");
    JsonNode vip = kubectl.json("get", "pod", "vip");
    String node = vip.at("/spec/nodeName").asText();
    assertEquals(node, vip.at("/status/nominatedNodeName").asText(), "nominated where it made room");
    JsonNode events = preempted();
    assertEquals(1, events.size(), events.toString());
    assertEquals("Preempted by a pod on node " + node, events.get(0).path("message").asText());
    String victim = events.get(0).at("/involvedObject/name").asText();
    await().atMost(Duration.ofSeconds(60)).until(() -> kubectl.run("get", "pod", victim).exit() != 0);
    await().atMost(Duration.ofSeconds(60)).until(() -> kubectl.json("get", "pods", "-l", "app=low",
        "--field-selector=status.phase=Pending").path("items").size() == 1);
    JsonNode replacement = kubectl.json("get", "pods", "-l", "app=low", "--field-selector=status.phase=Pending");
    assertNotEquals(victim, replacement.at("/items/0/metadata/name").asText());
    await().atMost(Duration.ofSeconds(60)).until(() -> kubectl.ok("describe", "pod",
        replacement.at("/items/0/metadata/name").asText()).out().contains("No preemption victims found"));
    assertEquals(1, preempted().size(), "a pod of the same priority preempts nothing");
  }

  private static JsonNode preempted() throws Exception {
    return kubectl.json("get", "events", "--field-selector=reason=Preempted").path("items");
  }

  private static String overrides(String priorityClass) {
    return "{\"spec\":{\"priorityClassName\":\"" + priorityClass + "\",\"containers\":[{\"name\":\"c\",\"image\":"
        + "\"nginx\",\"resources\":{\"requests\":{\"cpu\":\"1\"}}}]}}";
  }
}
