package io.logplane.controllers.podautoscaler;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One pod's usage of one resource, in milli-units, summed over its containers, with when and over
 * what window it was measured (the metrics client's {@code PodMetric}).
 */
record PodMetric(long milli, Instant timestamp, Duration window) {

  /**
   * The usage of {@code resource} by the named pods among the reports; a pod with a container that
   * does not report the resource is left out, as kube's metrics client leaves it.
   */
  static Map<String, PodMetric> of(List<? extends JsonNode> reports, String resource, Set<String> pods) {
    Map<String, PodMetric> found = new HashMap<>();
    for (JsonNode r : reports) {
      String name = r.path("metadata").path("name").asText();
      if (!pods.contains(name)) {
        continue;
      }
      long sum = 0;
      boolean missing = false;
      for (JsonNode c : r.path("containers")) {
        JsonNode q = c.path("usage").get(resource);
        if (q == null) {
          missing = true;
          break;
        }
        sum += Quantity.milli(q.asText());
      }
      if (!missing) {
        found.put(name, new PodMetric(sum, Instant.parse(r.path("timestamp").asText()), window(r)));
      }
    }
    return found;
  }

  private static Duration window(JsonNode report) {
    String w = report.path("window").asText("15s");
    try {
      return Duration.parse("PT" + w.toUpperCase());
    } catch (RuntimeException e) {
      return Duration.ofSeconds(15);
    }
  }
}
