package io.logplane.controllers.podautoscaler;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.Metadata;
import io.logplane.projections.Quantity;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * kube's {@code ReplicaCalculator} for resource metrics: the replicas that bring the average
 * usage of the ready pods to the target, within a tolerance of 10 %. When pods are missing
 * metrics or not ready, the change is damped: missing pods count as at the target (or 100 % of
 * request) when scaling down and as idle when scaling up, unready ones as idle when scaling up,
 * and a change they would reverse is no change.
 */
final class ReplicaCalculator {

  static final double TOLERANCE = 0.1;

  /** What a metric proposes: the replicas, the utilization (null for an AverageValue target), the raw average. */
  record Proposal(int replicas, Integer utilization, long rawAverage) {}

  /** Why no replica count could be computed; the message is kube's. */
  static final class MetricsError extends Exception {
    MetricsError(String message) {
      super(message);
    }
  }

  private ReplicaCalculator() {}

  /** {@code GetResourceReplicas}: against a target utilization (percent of request). */
  static Proposal utilization(int current, int target, String resource, List<? extends JsonNode> pods,
      Map<String, PodMetric> given, Instant now) throws MetricsError {
    Map<String, PodMetric> metrics = new HashMap<>(given);
    PodGroups g = grouped(pods, metrics, resource, now);
    Map<String, Long> requests = requests(pods, resource);
    long[] util = utilizationRatio(metrics, requests);
    double ratio = (double) util[0] / target;
    if (g.unready().isEmpty() || ratio <= 1.0) {
      if (g.missing().isEmpty()) {
        return new Proposal(plain(current, ratio, g.ready()), (int) util[0], util[1]);
      }
    }
    long fallback = Math.max(100, target);
    for (String pod : g.missing()) {
      metrics.put(pod, new PodMetric(ratio < 1.0 ? requests.getOrDefault(pod, 0L) * fallback / 100 : 0, now, null));
    }
    if (!g.unready().isEmpty() && ratio > 1.0) {
      g.unready().forEach(pod -> metrics.put(pod, new PodMetric(0, now, null)));
    }
    double next = (double) utilizationRatio(metrics, requests)[0] / target;
    return new Proposal(damped(current, ratio, next, metrics.size()), (int) util[0], util[1]);
  }

  /** {@code GetRawResourceReplicas}: against a target average value (milli-units). */
  static Proposal averageValue(int current, long targetMilli, String resource, List<? extends JsonNode> pods,
      Map<String, PodMetric> given, Instant now) throws MetricsError {
    Map<String, PodMetric> metrics = new HashMap<>(given);
    PodGroups g = grouped(pods, metrics, resource, now);
    long usage = average(metrics);
    double ratio = (double) usage / targetMilli;
    if ((g.unready().isEmpty() || ratio <= 1.0) && g.missing().isEmpty()) {
      return new Proposal(plain(current, ratio, g.ready()), null, usage);
    }
    for (String pod : g.missing()) {
      metrics.put(pod, new PodMetric(ratio < 1.0 ? targetMilli : 0, now, null));
    }
    if (!g.unready().isEmpty() && ratio > 1.0) {
      g.unready().forEach(pod -> metrics.put(pod, new PodMetric(0, now, null)));
    }
    double next = (double) average(metrics) / targetMilli;
    return new Proposal(damped(current, ratio, next, metrics.size()), null, usage);
  }

  private static PodGroups grouped(List<? extends JsonNode> pods, Map<String, PodMetric> metrics, String resource,
      Instant now) throws MetricsError {
    if (pods.isEmpty()) {
      throw new MetricsError("no pods returned by selector while calculating replica count");
    }
    PodGroups g = PodGroups.of(pods, metrics, resource, now);
    metrics.keySet().removeAll(g.ignored());
    metrics.keySet().removeAll(g.unready());
    if (metrics.isEmpty()) {
      throw new MetricsError("did not receive metrics for targeted pods (pods might be unready)");
    }
    return g;
  }

  private static int plain(int current, double ratio, int ready) {
    return Math.abs(1.0 - ratio) <= TOLERANCE ? current : (int) Math.ceil(ratio * ready);
  }

  private static int damped(int current, double ratio, double next, int counted) {
    if (Math.abs(1.0 - next) <= TOLERANCE || (ratio < 1.0 && next > 1.0) || (ratio > 1.0 && next < 1.0)) {
      return current;
    }
    int replicas = (int) Math.ceil(next * counted);
    return (next < 1.0 && replicas > current) || (next > 1.0 && replicas < current) ? current : replicas;
  }

  /** {@code GetResourceUtilizationRatio}'s utilization (percent, truncated) and raw average usage. */
  private static long[] utilizationRatio(Map<String, PodMetric> metrics, Map<String, Long> requests)
      throws MetricsError {
    long usage = 0;
    long requested = 0;
    int n = 0;
    for (Map.Entry<String, PodMetric> e : metrics.entrySet()) {
      Long request = requests.get(e.getKey());
      if (request != null) {
        usage += e.getValue().milli();
        requested += request;
        n++;
      }
    }
    if (requested == 0) {
      throw new MetricsError("no metrics returned matched known pods");
    }
    return new long[] {usage * 100 / requested, usage / n};
  }

  private static long average(Map<String, PodMetric> metrics) {
    return metrics.values().stream().mapToLong(PodMetric::milli).sum() / metrics.size();
  }

  /** Each pod's request of the resource, summed over its containers; every container must request it. */
  static Map<String, Long> requests(List<? extends JsonNode> pods, String resource) throws MetricsError {
    Map<String, Long> requests = new HashMap<>();
    for (JsonNode pod : pods) {
      long sum = 0;
      for (JsonNode c : pod.path("spec").path("containers")) {
        JsonNode q = c.path("resources").path("requests").get(resource);
        if (q == null) {
          throw new MetricsError("missing request for " + resource + " in container " + c.path("name").asText()
              + " of Pod " + Metadata.text(pod, "name"));
        }
        sum += Quantity.milli(q.asText());
      }
      requests.put(Metadata.text(pod, "name"), sum);
    }
    return requests;
  }
}
