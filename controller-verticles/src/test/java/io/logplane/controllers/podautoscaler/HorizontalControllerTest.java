package io.logplane.controllers.podautoscaler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.MemoryCluster;
import io.logplane.controllers.Reconciler.Result;
import io.logplane.controllers.TestClock;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.metrics.MetricsStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The autoscaler over an in-memory store and metrics: it scales a busy Deployment up with kube's
 * status, conditions and Event, passes at most every 15 s, scales down once the window is over,
 * and says why when it cannot get the scale or the metrics.
 */
class HorizontalControllerTest {

  private static final String KEY = "autoscaling/horizontalpodautoscalers/default/web";

  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final MemoryCluster cluster = new MemoryCluster(clock);
  private final MetricsStore metrics = new MetricsStore(clock);
  private final HorizontalController controller = new HorizontalController(
      new ControllerContext(cluster.informers, actor -> cluster, null, clock, metrics));

  @Test
  void scalesABusyDeploymentUpThenDownAfterTheWindow() throws Exception {
    deployment(1);
    hpa("{\"scaleDown\": {\"stabilizationWindowSeconds\": 30}}");
    pod("web-1", "250m");
    assertEquals(Result.after(HorizontalController.RESYNC), controller.reconcile(KEY));
    assertEquals(5, replicas(), "250 % of a 50 % target, with the default policies (+4 or +100 %)");
    JsonNode status = hpa().path("status");
    assertEquals(1, status.path("currentReplicas").asInt());
    assertEquals(5, status.path("desiredReplicas").asInt());
    assertEquals(clock.instant().toString(), status.path("lastScaleTime").asText());
    assertEquals(Json.MAPPER.readTree("""
        [{"type": "Resource", "resource": {"name": "cpu", "current": {"averageUtilization": 250, "averageValue": "250m"}}}]
        """), status.path("currentMetrics"));
    assertEquals(List.of("AbleToScale True SucceededRescale", "ScalingActive True ValidMetricFound",
        "ScalingLimited False DesiredWithinRange"), conditions(status));
    assertTrue(condition(status, "ScalingActive").endsWith("from cpu resource utilization (percentage of request)"));
    assertEquals(List.of("Normal SuccessfulRescale New size: 5; reason: cpu resource utilization (percentage of"
        + " request) above target"), events());

    clock.advance(Duration.ofSeconds(5));
    int writes = cluster.writes.size();
    assertEquals(Result.after(Duration.ofSeconds(10)), controller.reconcile(KEY), "at most one pass in 15 s");
    assertEquals(writes, cluster.writes.size());

    for (int i = 2; i <= 5; i++) {
      pod("web-" + i, "10m");
    }
    pod("web-1", "10m");
    clock.advance(Duration.ofSeconds(10));
    controller.reconcile(KEY);
    assertEquals(5, replicas(), "within the 30 s window of the recommendation of 5");
    assertEquals("ScaleDownStabilized", reason(hpa().path("status"), "AbleToScale"));
    clock.advance(Duration.ofSeconds(30));
    controller.reconcile(KEY);
    assertEquals(1, replicas());
    assertTrue(events().contains("Normal SuccessfulRescale New size: 1; reason: All metrics below target"));
  }

  @Test
  void saysWhyWhenTheTargetOrItsMetricsAreMissing() throws Exception {
    hpa(null);
    controller.reconcile(KEY);
    assertEquals("the HPA controller was unable to get the target's current scale: deployments.apps \"web\" not found",
        condition(hpa().path("status"), "AbleToScale"));
    deployment(2);
    pod("web-1", null);
    clock.advance(HorizontalController.RESYNC);
    controller.reconcile(KEY);
    JsonNode status = hpa().path("status");
    assertEquals("ScalingActive False FailedGetResourceMetric", conditions(status).get(1));
    assertEquals("the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get"
        + " metrics for resource cpu: no metrics returned from resource metrics API", condition(status, "ScalingActive"));
    assertEquals(2, replicas(), "nothing scaled");
    assertTrue(events().contains("Warning FailedComputeMetricsReplicas invalid metrics (1 invalid out of 1), first"
        + " error is: failed to get cpu resource metric value: failed to get cpu utilization: unable to get metrics"
        + " for resource cpu: no metrics returned from resource metrics API"), events().toString());
  }

  private void deployment(int replicas) {
    ObjectNode d = Json.MAPPER.createObjectNode().put("apiVersion", "apps/v1").put("kind", "Deployment");
    d.putObject("metadata").put("name", "web").put("namespace", "default").put("uid", "d1");
    ObjectNode spec = d.putObject("spec").put("replicas", replicas);
    spec.putObject("selector").putObject("matchLabels").put("app", "web");
    cluster.put(Key.parse("apps/deployments/default/web"), d);
  }

  private void hpa(String behavior) throws Exception {
    ObjectNode h = (ObjectNode) Json.MAPPER.readTree("""
        {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
         "metadata": {"name": "web", "namespace": "default", "uid": "h1"},
         "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                  "minReplicas": 1, "maxReplicas": 5,
                  "metrics": [{"type": "Resource", "resource": {"name": "cpu",
                               "target": {"type": "Utilization", "averageUtilization": 50}}}]}}
        """);
    if (behavior != null) {
      ((ObjectNode) h.get("spec")).set("behavior", Json.MAPPER.readTree(behavior));
    }
    cluster.put(Key.parse(KEY), h);
  }

  /** A pod of the Deployment, running for long, using {@code cpu} of its 100m (null: it reports nothing). */
  private void pod(String name, String cpu) {
    cluster.put(Key.parse("core/pods/default/" + name), Hpas.pod(name, "100m", Hpas.LONG_AGO, true));
    if (cpu != null) {
      metrics.putPod("default", name, Hpas.usage(name, cpu, clock.instant()));
    }
  }

  private int replicas() {
    return cluster.get(Key.parse("apps/deployments/default/web")).at("/spec/replicas").asInt();
  }

  private ObjectNode hpa() {
    return cluster.get(Key.parse(KEY));
  }

  private static List<String> conditions(JsonNode status) {
    return java.util.stream.StreamSupport.stream(status.path("conditions").spliterator(), false)
        .map(c -> c.path("type").asText() + " " + c.path("status").asText() + " " + c.path("reason").asText())
        .toList();
  }

  private static String condition(JsonNode status, String type) {
    for (JsonNode c : status.path("conditions")) {
      if (c.path("type").asText().equals(type)) {
        return c.path("message").asText();
      }
    }
    return null;
  }

  private static String reason(JsonNode status, String type) {
    for (JsonNode c : status.path("conditions")) {
      if (c.path("type").asText().equals(type)) {
        return c.path("reason").asText();
      }
    }
    return null;
  }

  private List<String> events() {
    return cluster.list("core/events/").stream()
        .map(e -> e.path("type").asText() + " " + e.path("reason").asText() + " " + e.path("message").asText())
        .toList();
  }
}
