package io.logplane.node.internal.hollow;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.agent.MetricsReports;
import io.logplane.node.internal.agent.Requests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A hollow node's resource metrics, reported every 15 s through {@link MetricsReports}: a
 * PodMetrics for each running pod and a NodeMetrics. The node uses its pods' usage plus a base
 * of its own.
 */
final class MetricsReporter {
  static final Duration PERIOD = Duration.ofSeconds(15);

  private final MetricsReports reports;
  private Instant reported;

  MetricsReporter(Requests api) {
    this.reports = new MetricsReports(api);
  }

  /** Whether the period is up (and the server takes reports). */
  boolean due(Instant now) {
    return !reports.refused() && (reported == null || !now.isBefore(reported.plus(PERIOD)));
  }

  /** The reports of this period are sent. */
  void done(Instant now) {
    reported = now;
  }

  /** Reports for a node and its running pods. */
  void report(String node, List<JsonNode> running, Instant now) {
    Usage total = Usage.NODE_BASE;
    for (JsonNode pod : running) {
      Usage each = Usage.ofContainer(pod);
      List<MetricsReports.ContainerUsage> containers = new ArrayList<>();
      for (JsonNode c : pod.path("spec").path("containers")) {
        containers.add(new MetricsReports.ContainerUsage(c.path("name").asText(), each.cpu(), each.memory()));
      }
      total = total.plus(each.times(containers.size()));
      reports.pod(pod.path("metadata").path("namespace").asText(),
          pod.path("metadata").path("name").asText(), now, PERIOD, containers);
    }
    reports.node(node, now, PERIOD, total.cpu(), total.memory());
  }
}
