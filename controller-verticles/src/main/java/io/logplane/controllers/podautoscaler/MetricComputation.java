package io.logplane.controllers.podautoscaler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import io.logplane.projections.Quantity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kube's {@code computeReplicasForMetrics}: each metric of the HPA proposes a count, the largest
 * wins; a metric that cannot be computed shows as a Warning Event and, when every metric failed
 * (or the valid ones would scale down), as the ScalingActive condition, and nothing is scaled.
 * Only Resource metrics are served here, as only resource metrics are reported.
 */
final class MetricComputation {

  /** The outcome: replicas (-1 when nothing may be scaled), the deciding metric's name, the statuses, the Events. */
  record Outcome(int replicas, String metric, ArrayNode statuses, String error, Normalizer.Condition active,
      List<String[]> warnings) {}

  private MetricComputation() {}

  static Outcome compute(JsonNode spec, int specReplicas, List<ObjectNode> pods, List<ObjectNode> reports,
      Instant now) {
    List<JsonNode> specs = specs(spec);
    ArrayNode statuses = JsonNodeFactory.instance.arrayNode();
    List<String[]> warnings = new ArrayList<>();
    int replicas = 0;
    String metric = "";
    int invalid = 0;
    String firstError = null;
    Normalizer.Condition firstCondition = null;
    for (JsonNode m : specs) {
      ObjectNode status = statuses.addObject();
      String reason = "FailedGetResourceMetric";
      String error;
      if (!m.path("type").asText().equals("Resource")) {
        reason = "InvalidMetricSourceType";
        error = "unknown metric source type \"" + m.path("type").asText() + "\"";
      } else {
        try {
          String name = resource(m, specReplicas, pods, reports, now, status);
          int proposal = status.remove("proposal").asInt();
          if (replicas == 0 || proposal > replicas) {
            replicas = proposal;
            metric = name;
          }
          continue;
        } catch (ReplicaCalculator.MetricsError e) {
          error = e.getMessage();
        }
      }
      status.removeAll().put("type", "");
      warnings.add(new String[] {reason, error});
      if (invalid++ == 0) {
        firstError = (reason.equals("InvalidMetricSourceType") ? "" : "failed to get "
            + m.path("resource").path("name").asText() + " resource metric value: ") + error;
        firstCondition = new Normalizer.Condition("False", reason, "the HPA was unable to compute the replica count: "
            + error);
      }
    }
    String error = firstError == null ? null : "invalid metrics (" + invalid + " invalid out of " + specs.size()
        + "), first error is: " + firstError;
    if (invalid >= specs.size() || (invalid > 0 && replicas < specReplicas)) {
      return new Outcome(-1, "", statuses, error, firstCondition, warnings);
    }
    return new Outcome(replicas, metric, statuses, error, new Normalizer.Condition("True", "ValidMetricFound",
        "the HPA was able to successfully calculate a replica count from " + metric), warnings);
  }

  /** Computes one Resource metric into status (with a transient {@code proposal}); returns the metric's name. */
  private static String resource(JsonNode m, int current, List<ObjectNode> pods, List<ObjectNode> reports,
      Instant now, ObjectNode status) throws ReplicaCalculator.MetricsError {
    String name = m.path("resource").path("name").asText();
    JsonNode target = m.path("resource").path("target");
    Set<String> names = new HashSet<>();
    pods.forEach(p -> names.add(Metadata.text(p, "name")));
    Map<String, PodMetric> metrics = PodMetric.of(reports, name, names);
    boolean average = target.hasNonNull("averageValue");
    String what = "failed to get " + name + (average ? " usage: " : " utilization: ");
    if (!average && !target.hasNonNull("averageUtilization")) {
      throw new ReplicaCalculator.MetricsError("invalid resource metric source: neither an average utilization"
          + " target nor an average value (usage) target was set");
    }
    if (metrics.isEmpty()) {
      throw new ReplicaCalculator.MetricsError(what + "unable to get metrics for resource " + name
          + ": no metrics returned from resource metrics API");
    }
    ReplicaCalculator.Proposal p;
    try {
      p = average ? ReplicaCalculator.averageValue(current, Quantity.milli(target.path("averageValue").asText()), name,
          pods, metrics, now)
          : ReplicaCalculator.utilization(current, target.path("averageUtilization").asInt(), name, pods, metrics, now);
    } catch (ReplicaCalculator.MetricsError e) {
      throw new ReplicaCalculator.MetricsError(what + e.getMessage());
    }
    status.put("type", "Resource");
    ObjectNode usage = status.putObject("resource").put("name", name).putObject("current");
    if (p.utilization() != null) {
      usage.put("averageUtilization", p.utilization());
    }
    usage.put("averageValue", Quantity.ofMilli(p.rawAverage()));
    status.put("proposal", p.replicas());
    return average ? name + " resource" : name + " resource utilization (percentage of request)";
  }

  /** The HPA's metrics: spec.metrics, a v1 object's target CPU, or kube's default of 80 % cpu. */
  static List<JsonNode> specs(JsonNode spec) {
    List<JsonNode> specs = new ArrayList<>();
    spec.path("metrics").forEach(specs::add);
    if (specs.isEmpty()) {
      int percent = spec.path("targetCPUUtilizationPercentage").asInt(80);
      ObjectNode cpu = JsonNodeFactory.instance.objectNode().put("type", "Resource");
      cpu.putObject("resource").put("name", "cpu").putObject("target").put("type", "Utilization")
          .put("averageUtilization", percent);
      specs.add(cpu);
    }
    return specs;
  }
}
