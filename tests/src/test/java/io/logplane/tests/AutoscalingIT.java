package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import io.logplane.tests.http.Api;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's autoscaling session through the real kubectl, on hollow nodes that report the usage
 * their pods' annotation sets: {@code kubectl top nodes|pods} print figures, and the HPA
 * {@code kubectl autoscale} makes (it posts autoscaling/v1; the object is stored as v2) scales a
 * busy Deployment up, then, once its pods idle, down after the (shortened) stabilization window.
 * Both versions read and write the one object.
 */
class AutoscalingIT {

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
  void topShowsWhatTheNodesReportAndAnHpaScalesUpThenDown() throws Exception {
    kubectl.ok("apply", "-f", kubectl.manifest("busy.yaml", deployment("cpu=250m,memory=100Mi")));
    kubectl.ok("rollout", "status", "deploy/busy", "--timeout=120s");

    await().atMost(Duration.ofSeconds(60)).until(() -> kubectl.run("top", "pods").out().contains("busy-"));
    String pods = kubectl.ok("top", "pods").out();
    assertTrue(pods.matches("(?s)NAME +CPU\\(cores\\) +MEMORY\\(bytes\\) *\\nbusy-\\S+ +250m +100Mi *\\n"), pods);
    assertTrue(kubectl.ok("top", "pods", "-A", "--containers").out()
        .matches("(?s)NAMESPACE +POD +NAME +CPU\\(cores\\) +MEMORY\\(bytes\\) *\\ndefault +busy-\\S+ +app +250m +100Mi.*"));
    await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("top", "nodes").exit() == 0);
    String nodes = kubectl.ok("top", "nodes").out();
    assertTrue(nodes.matches("(?s)NAME +CPU\\(cores\\) +CPU\\(?%\\)? +MEMORY\\(bytes\\) +MEMORY\\(?%\\)? *\\n"
        + "\\S+ +\\d+m +\\d+% +\\d+Mi +\\d+% *\\n\\S+ +\\d+m +\\d+% +\\d+Mi +\\d+% *\\n"), nodes);
    assertTrue(nodes.contains("350m"), "one node runs the pod: its base and the pod's usage\n" + nodes);

    // kubectl 1.32 posts autoscaling/v1; the object is stored as v2, the version the controller reads
    kubectl.ok("autoscale", "deployment", "busy", "--cpu-percent=50", "--min=1", "--max=5");
    JsonNode created = kubectl.json("get", "horizontalpodautoscalers.v2.autoscaling", "busy");
    assertEquals("autoscaling/v2", created.path("apiVersion").asText());
    assertEquals(50, created.at("/spec/metrics/0/resource/target/averageUtilization").asInt(), created.toString());
    assertEquals("Utilization", created.at("/spec/metrics/0/resource/target/type").asText(), created.toString());
    // 250m of a 100m request is 250 %, five times the target: to 4 (twice, at least 4, a pass), then 5.
    await().atMost(Duration.ofSeconds(90)).until(() -> kubectl.json("get", "deploy", "busy").at("/spec/replicas").asInt() == 5);
    await().atMost(Duration.ofSeconds(60)).until(() -> kubectl.ok("get", "hpa", "busy").out()
        .matches("(?s).*busy +Deployment/busy +(cpu: )?250%/50% +1 +5 +5 .*"));
    String described = kubectl.ok("describe", "hpa", "busy").out();
    assertTrue(described.contains("New size: 5; reason: cpu resource utilization (percentage of request) above target"),
        described);
    JsonNode hpa = kubectl.json("get", "hpa", "busy");
    assertEquals("True", condition(hpa, "AbleToScale").path("status").asText(), hpa.toString());
    assertEquals("ValidMetricFound", condition(hpa, "ScalingActive").path("reason").asText(), hpa.toString());
    assertTrue(hpa.at("/status/lastScaleTime").isTextual(), hpa.toString());
    JsonNode v1 = kubectl.json("get", "horizontalpodautoscalers.v1.autoscaling", "busy");
    assertEquals("autoscaling/v1", v1.path("apiVersion").asText(), v1.toString());
    assertEquals(50, v1.at("/spec/targetCPUUtilizationPercentage").asInt(), v1.toString());
    assertEquals(250, v1.at("/status/currentCPUUtilizationPercentage").asInt(), v1.toString());
    assertEquals(5, v1.at("/status/desiredReplicas").asInt(), v1.toString());
    assertTrue(v1.at("/metadata/annotations").path("autoscaling.alpha.kubernetes.io/conditions").asText()
        .contains("ValidMetricFound"), v1.toString());
    assertTrue(kubectl.ok("get", "horizontalpodautoscalers.v1.autoscaling").out()
        .matches("(?s).*busy +Deployment/busy +(cpu: )?250%/50% .*"), "printed from the stored object, as v2");

    kubectl.ok("patch", "hpa", "busy", "--type=merge", "-p",
        "{\"spec\":{\"behavior\":{\"scaleDown\":{\"stabilizationWindowSeconds\":10}}}}");
    kubectl.ok("patch", "deploy", "busy", "--type=merge", "-p",
        "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"hollow.logplane.io/usage\":\"cpu=10m,memory=50Mi\"}}}}}");
    // 10m of 100m is 10 %: five pods' worth of work fits in one.
    await().atMost(Duration.ofSeconds(180)).until(() -> kubectl.json("get", "deploy", "busy").at("/spec/replicas").asInt() == 1);
    assertTrue(kubectl.ok("describe", "hpa", "busy").out().contains("New size: 1; reason: All metrics below target"));
  }

  @Test
  void autoscalingIsServedInV1AndV2WithV2Preferred() throws Exception {
    assertTrue(kubectl.ok("api-versions").out().matches("(?s).*\\bautoscaling/v1\n.*autoscaling/v2\n.*"));
    JsonNode group = Api.JSON.readTree(kubectl.ok("get", "--raw", "/apis/autoscaling").out());
    assertEquals("autoscaling/v2", group.at("/preferredVersion/groupVersion").asText(), group.toString());
    assertTrue(kubectl.ok("api-resources", "--api-group=autoscaling").out()
        .matches("(?s).*horizontalpodautoscalers +hpa +autoscaling/v2 +true +HorizontalPodAutoscaler.*"));

    // v1 input is validated as kube does, on the v2 object it converts to
    var refused = kubectl.run("create", "-f", kubectl.manifest("bad-hpa.yaml", """
        apiVersion: autoscaling/v1
        kind: HorizontalPodAutoscaler
        metadata: {name: bad}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          minReplicas: 3
          maxReplicas: 2
          targetCPUUtilizationPercentage: 0
        """));
    assertTrue(refused.exit() != 0);
    assertTrue(refused.err().contains("spec.maxReplicas: Invalid value: 2: must be greater than or equal to"
        + " `minReplicas`"), refused.err());
    assertTrue(refused.err().contains("spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be"
        + " greater than 0"), refused.err());

    // a v2 object with a memory metric and a behavior reads as v1 with them in annotations, and a
    // v1 update that keeps them keeps them
    kubectl.ok("apply", "-f", kubectl.manifest("web-hpa.yaml", """
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: web}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          minReplicas: 2
          maxReplicas: 4
          metrics:
          - {type: Resource, resource: {name: memory, target: {type: AverageValue, averageValue: 100Mi}}}
          - {type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 60}}}
          behavior: {scaleDown: {stabilizationWindowSeconds: 30}}
        """));
    JsonNode v1 = kubectl.json("get", "horizontalpodautoscalers.v1.autoscaling", "web");
    assertEquals(60, v1.at("/spec/targetCPUUtilizationPercentage").asInt(), v1.toString());
    assertEquals("[{\"type\":\"Resource\",\"resource\":{\"name\":\"memory\",\"targetAverageValue\":\"100Mi\"}}]",
        v1.at("/metadata/annotations").path("autoscaling.alpha.kubernetes.io/metrics").asText(), v1.toString());
    kubectl.ok("patch", "horizontalpodautoscalers.v1.autoscaling", "web", "--type=merge", "-p",
        "{\"spec\":{\"maxReplicas\":6}}");
    JsonNode v2 = kubectl.json("get", "hpa", "web");
    assertEquals(6, v2.at("/spec/maxReplicas").asInt(), v2.toString());
    assertEquals("100Mi", v2.at("/spec/metrics/0/resource/target/averageValue").asText(), v2.toString());
    assertEquals(60, v2.at("/spec/metrics/1/resource/target/averageUtilization").asInt(), v2.toString());
    assertEquals(30, v2.at("/spec/behavior/scaleDown/stabilizationWindowSeconds").asInt(), v2.toString());
    v2.at("/metadata/annotations").fieldNames().forEachRemaining(a ->
        assertTrue(!a.startsWith("autoscaling.alpha.kubernetes.io/"), "stored round-trip annotation " + a));
    kubectl.ok("delete", "horizontalpodautoscalers.v1.autoscaling", "web");
    assertTrue(kubectl.ok("get", "hpa", "-o", "name").out()
        .matches("(?s)(horizontalpodautoscaler.autoscaling/busy\n)?"));
  }

  private static JsonNode condition(JsonNode hpa, String type) {
    for (JsonNode c : hpa.at("/status/conditions")) {
      if (c.path("type").asText().equals(type)) {
        return c;
      }
    }
    return Api.JSON.createObjectNode();
  }

  private static String deployment(String usage) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: busy, namespace: default}
        spec:
          replicas: 1
          selector: {matchLabels: {app: busy}}
          template:
            metadata:
              labels: {app: busy}
              annotations: {hollow.logplane.io/usage: "%s"}
            spec:
              containers: [{name: app, image: "busy:1", resources: {requests: {cpu: 100m, memory: 64Mi}}}]
        """.formatted(usage);
  }


}
