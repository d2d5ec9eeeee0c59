package io.logplane.node.internal.agent;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a node agent reports resource metrics to Logplane, hollow or real:
 * {@code PUT /apis/metrics.k8s.io/v1beta1/nodes/NODE} with a NodeMetrics and
 * {@code PUT .../namespaces/NS/pods/POD} with a PodMetrics, each with its timestamp and the
 * window its figures were measured over. A server that takes no reports (a Kubernetes API
 * server, whose metrics come from metrics-server) is sent nothing more after its first refusal.
 * Runs on the owner's context.
 */
public final class MetricsReports {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsReports.class);
  private static final String BASE = "/apis/metrics.k8s.io/v1beta1";

  /** One container's usage, as quantities ({@code 250m}, {@code 102400Ki}). */
  public record ContainerUsage(String name, String cpu, String memory) {}

  private final Requests api;
  private boolean refused;

  public MetricsReports(Requests api) {
    this.api = api;
  }

  /** Whether the server refused a report: none is sent any more. */
  public boolean refused() {
    return refused;
  }

  /** Reports a node's usage. */
  public void node(String node, Instant at, Duration window, String cpu, String memory) {
    ObjectNode report = report("NodeMetrics", node, at, window);
    report.set("usage", usage(cpu, memory));
    send(BASE + "/nodes/" + node, report);
  }

  /** Reports a pod's usage, container by container. */
  public void pod(String namespace, String pod, Instant at, Duration window,
      List<ContainerUsage> containers) {
    ObjectNode report = report("PodMetrics", pod, at, window);
    ((ObjectNode) report.get("metadata")).put("namespace", namespace);
    var list = report.putArray("containers");
    containers.forEach(c -> list.addObject().put("name", c.name()).set("usage", usage(c.cpu(), c.memory())));
    send(BASE + "/namespaces/" + namespace + "/pods/" + pod, report);
  }

  private void send(String path, ObjectNode report) {
    if (refused) {
      return;
    }
    api.call("PUT", path, report).onSuccess(r -> {
      if (!r.ok() && !refused) {
        refused = r.status() == 404 || r.status() == 405;
        LOG.warn("the API server did not take a metrics report ({} {}){}", r.status(), path,
            refused ? "; no more metrics are reported to it" : "");
      }
    });
  }

  private static ObjectNode report(String kind, String name, Instant at, Duration window) {
    ObjectNode r = JsonNodeFactory.instance.objectNode().put("kind", kind)
        .put("apiVersion", "metrics.k8s.io/v1beta1");
    r.putObject("metadata").put("name", name);
    return r.put("timestamp", at.truncatedTo(ChronoUnit.SECONDS).toString())
        .put("window", window(window));
  }

  /** A Go duration as metrics-server writes windows: {@code 15s}, {@code 10.5s}. */
  static String window(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s"
        : java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
  }

  private static ObjectNode usage(String cpu, String memory) {
    return JsonNodeFactory.instance.objectNode().put("cpu", cpu).put("memory", memory);
  }
}
