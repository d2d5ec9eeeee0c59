package io.logplane.api.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.http.ApiException;
import io.logplane.projections.Json;
import org.junit.jupiter.api.Test;

/** What a node agent's PUT must hold, and what of it is kept. */
class MetricsReportsTest {

  @Test
  void aPodReportIsKeptReducedToItsFigures() throws Exception {
    ObjectNode kept = MetricsReports.read(MetricsTypes.PODS, "default", "web-1", body("""
        {"kind": "PodMetrics", "apiVersion": "metrics.k8s.io/v1beta1",
         "metadata": {"name": "web-1", "labels": {"ignored": "yes"}},
         "timestamp": "2026-01-01T00:00:00Z", "window": "15s",
         "containers": [{"name": "app", "usage": {"cpu": "250m", "memory": "100Mi", "gpu": "1"}}]}
        """));
    assertEquals(body("""
        {"kind": "PodMetrics", "apiVersion": "metrics.k8s.io/v1beta1",
         "metadata": {"name": "web-1", "namespace": "default"},
         "timestamp": "2026-01-01T00:00:00Z", "window": "15s",
         "containers": [{"name": "app", "usage": {"cpu": "250m", "memory": "100Mi"}}]}
        """), kept);
  }

  @Test
  void aReportOfAnotherObjectOrWithBadFiguresIsRefused() throws Exception {
    ApiException other = assertThrows(ApiException.class, () -> MetricsReports.read(MetricsTypes.NODES, null, "n1",
        body(node("n2", "1", "15s"))));
    assertEquals(400, other.code());
    assertEquals("the name of the object (n2) does not match the name on the URL (n1)", other.getMessage());
    ApiException bad = assertThrows(ApiException.class, () -> MetricsReports.read(MetricsTypes.NODES, null, "n1",
        body(node("n1", "lots", "15s"))));
    assertEquals(422, bad.code());
    assertEquals("NodeMetrics.metrics.k8s.io \"n1\" is invalid: usage.cpu: Invalid value: \"lots\": quantities must"
        + " match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'", bad.getMessage());
    assertEquals(422, assertThrows(ApiException.class, () -> MetricsReports.read(MetricsTypes.NODES, null, "n1",
        body(node("n1", "1", "soon")))).code());
  }

  private static String node(String name, String cpu, String window) {
    return """
        {"kind": "NodeMetrics", "apiVersion": "metrics.k8s.io/v1beta1", "metadata": {"name": "%s"},
         "timestamp": "2026-01-01T00:00:00Z", "window": "%s", "usage": {"cpu": "%s", "memory": "1Gi"}}
        """.formatted(name, window, cpu);
  }

  private static ObjectNode body(String json) throws Exception {
    return (ObjectNode) Json.MAPPER.readTree(json);
  }
}
