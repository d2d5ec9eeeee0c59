package io.logplane.node.internal.hollow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.node.internal.agent.Requests;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hollow node's resource metrics, reported every 15 s as a node agent reports them to Logplane:
 * {@code PUT /apis/metrics.k8s.io/v1beta1/nodes/NODE} with a NodeMetrics and
 * {@code PUT .../namespaces/NS/pods/POD} with a PodMetrics for each running pod. The node uses
 * its pods' usage plus a base of its own. A server that takes no reports (a Kubernetes API
 * server, whose metrics come from metrics-server) is told nothing more after its first refusal.
 */
final class MetricsReporter {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsReporter.class);
  static final Duration PERIOD = Duration.ofSeconds(15);
  private static final String BASE = "/apis/metrics.k8s.io/v1beta1";
  private static final String WINDOW = PERIOD.toSeconds() + "s";

  private final Requests api;
  private Instant reported;
  private boolean refused;

  MetricsReporter(Requests api) {
    this.api = api;
  }

  /** Whether the period is up (and the server takes reports). */
  boolean due(Instant now) {
    return !refused && (reported == null || !now.isBefore(reported.plus(PERIOD)));
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
      ObjectNode report = report("PodMetrics", pod.path("metadata").path("name").asText(), now);
      ((ObjectNode) report.get("metadata")).put("namespace", pod.path("metadata").path("namespace").asText());
      var containers = report.putArray("containers");
      for (JsonNode c : pod.path("spec").path("containers")) {
        containers.addObject().put("name", c.path("name").asText()).set("usage", usage(each));
      }
      total = total.plus(each.times(pod.path("spec").path("containers").size()));
      send(BASE + "/namespaces/" + pod.path("metadata").path("namespace").asText() + "/pods/"
          + pod.path("metadata").path("name").asText(), report);
    }
    ObjectNode report = report("NodeMetrics", node, now);
    report.set("usage", usage(total));
    send(BASE + "/nodes/" + node, report);
  }

  private void send(String path, ObjectNode report) {
    api.call("PUT", path, report).onSuccess(r -> {
      if (!r.ok() && !refused) {
        refused = r.status() == 404 || r.status() == 405;
        LOG.warn("the API server did not take a metrics report ({} {}){}", r.status(), path,
            refused ? "; hollow nodes report no more metrics" : "");
      }
    });
  }

  private static ObjectNode report(String kind, String name, Instant now) {
    ObjectNode r = JsonNodeFactory.instance.objectNode().put("kind", kind)
        .put("apiVersion", "metrics.k8s.io/v1beta1");
    r.putObject("metadata").put("name", name);
    return r.put("timestamp", now.truncatedTo(ChronoUnit.SECONDS).toString()).put("window", WINDOW);
  }

  private static ObjectNode usage(Usage u) {
    return JsonNodeFactory.instance.objectNode().put("cpu", u.cpu()).put("memory", u.memory());
  }
}
