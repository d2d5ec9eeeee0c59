package io.logplane.api.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import java.util.List;

/**
 * autoscaling/v1 HorizontalPodAutoscalers over the stored autoscaling/v2 ones, as kube's
 * {@code pkg/apis/autoscaling/v1/conversion.go}: {@code targetCPUUtilizationPercentage} is the
 * Resource metric on cpu with an Utilization target, {@code currentCPUUtilizationPercentage}
 * that metric's current utilization; what v1 has no field for (the other metrics, every current
 * metric, the behavior, the conditions) rides in {@code autoscaling.alpha.kubernetes.io/}
 * annotations, read back on the way in and never stored as annotations.
 */
final class HorizontalPodAutoscalerV1 implements Converter {

  static final String METRICS = "autoscaling.alpha.kubernetes.io/metrics";
  static final String CURRENT_METRICS = "autoscaling.alpha.kubernetes.io/current-metrics";
  static final String CONDITIONS = "autoscaling.alpha.kubernetes.io/conditions";
  static final String BEHAVIOR = "autoscaling.alpha.kubernetes.io/behavior";
  private static final List<String> ROUND_TRIP = List.of(METRICS, CURRENT_METRICS, CONDITIONS, BEHAVIOR);
  /** The cpu utilization a v1 object without any metric aims at (autoscaling.DefaultCPUUtilization). */
  private static final int DEFAULT_CPU_UTILIZATION = 80;

  @Override
  public ObjectNode fromStorage(ObjectNode v2) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("kind", "HorizontalPodAutoscaler").put("apiVersion", "autoscaling/v1");
    ObjectNode meta = metadataWithoutRoundTrip(v2);
    out.set("metadata", meta);
    JsonNode spec = v2.path("spec");
    ObjectNode s = out.putObject("spec");
    s.set("scaleTargetRef", spec.path("scaleTargetRef").deepCopy());
    HpaMetricsV1.copy(spec, "minReplicas", s, "minReplicas");
    s.put("maxReplicas", spec.path("maxReplicas").asInt());
    ArrayNode others = Json.MAPPER.createArrayNode();
    for (JsonNode m : spec.path("metrics")) {
      if (isCpuUtilization(m, "target") && !s.has("targetCPUUtilizationPercentage")) {
        s.set("targetCPUUtilizationPercentage", m.path("resource").path("target").get("averageUtilization"));
      } else if (!isCpuUtilization(m, "target")) {
        others.add(HpaMetricsV1.specToV1(m));
      }
    }
    JsonNode status = v2.path("status");
    ObjectNode st = out.putObject("status");
    HpaMetricsV1.copy(status, "observedGeneration", st, "observedGeneration");
    HpaMetricsV1.copy(status, "lastScaleTime", st, "lastScaleTime");
    st.put("currentReplicas", status.path("currentReplicas").asInt());
    st.put("desiredReplicas", status.path("desiredReplicas").asInt());
    ArrayNode current = Json.MAPPER.createArrayNode();
    for (JsonNode m : status.path("currentMetrics")) {
      if (isCpu(m) && m.path("resource").path("current").hasNonNull("averageUtilization")) {
        st.set("currentCPUUtilizationPercentage", m.path("resource").path("current").get("averageUtilization"));
      }
      current.add(HpaMetricsV1.statusToV1(m));
    }
    ArrayNode conditions = Json.MAPPER.createArrayNode();
    status.path("conditions").forEach(c -> conditions.add(c.deepCopy()));
    if (!others.isEmpty()) {
      annotations(meta).put(METRICS, others.toString());
    }
    if (!current.isEmpty()) {
      annotations(meta).put(CURRENT_METRICS, current.toString());
    }
    if (spec.hasNonNull("behavior")) {
      annotations(meta).put(BEHAVIOR, HpaBehaviorAnnotation.encode(spec.get("behavior")));
    }
    if (!conditions.isEmpty()) {
      annotations(meta).put(CONDITIONS, conditions.toString());
    }
    return out;
  }

  @Override
  public ObjectNode toStorage(ObjectNode v1) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("apiVersion", "autoscaling/v2").put("kind", "HorizontalPodAutoscaler");
    JsonNode annotations = v1.path("metadata").path("annotations");
    out.set("metadata", metadataWithoutRoundTrip(v1));
    JsonNode spec = v1.path("spec");
    ObjectNode s = out.putObject("spec");
    s.set("scaleTargetRef", spec.path("scaleTargetRef").deepCopy());
    HpaMetricsV1.copy(spec, "minReplicas", s, "minReplicas");
    HpaMetricsV1.copy(spec, "maxReplicas", s, "maxReplicas");
    ArrayNode metrics = s.putArray("metrics");
    JsonNode others = parsed(annotations, METRICS);
    if (others != null && others.isArray()) {
      others.forEach(m -> metrics.add(HpaMetricsV1.specFromV1(m)));
    }
    if (spec.hasNonNull("targetCPUUtilizationPercentage")) {
      metrics.add(cpuUtilization("target", spec.get("targetCPUUtilizationPercentage").asInt()));
    }
    if (metrics.isEmpty()) {
      metrics.add(cpuUtilization("target", DEFAULT_CPU_UTILIZATION));
    }
    JsonNode behavior = annotations.get(BEHAVIOR);
    ObjectNode decoded = behavior == null ? null : HpaBehaviorAnnotation.decode(behavior.asText());
    if (decoded != null) {
      s.set("behavior", decoded);
    }
    JsonNode status = v1.get("status");
    if (status != null && status.isObject()) {
      out.set("status", status(status, annotations));
    }
    return out;
  }

  private static ObjectNode status(JsonNode status, JsonNode annotations) {
    ObjectNode st = Json.MAPPER.createObjectNode();
    HpaMetricsV1.copy(status, "observedGeneration", st, "observedGeneration");
    HpaMetricsV1.copy(status, "lastScaleTime", st, "lastScaleTime");
    HpaMetricsV1.copy(status, "currentReplicas", st, "currentReplicas");
    HpaMetricsV1.copy(status, "desiredReplicas", st, "desiredReplicas");
    JsonNode current = parsed(annotations, CURRENT_METRICS);
    if (current != null && current.isArray()) {
      ArrayNode metrics = st.putArray("currentMetrics");
      current.forEach(m -> metrics.add(HpaMetricsV1.statusFromV1(m)));
    } else if (status.hasNonNull("currentCPUUtilizationPercentage")) {
      st.putArray("currentMetrics")
          .add(cpuUtilization("current", status.get("currentCPUUtilizationPercentage").asInt()));
    }
    JsonNode conditions = parsed(annotations, CONDITIONS);
    if (conditions != null && conditions.isArray()) {
      st.set("conditions", conditions.deepCopy());
    }
    return st;
  }

  /** A Resource metric on cpu with an utilization under {@code target} or {@code current}. */
  private static ObjectNode cpuUtilization(String field, int percent) {
    ObjectNode m = Json.MAPPER.createObjectNode().put("type", "Resource");
    ObjectNode r = m.putObject("resource").put("name", "cpu");
    ObjectNode t = r.putObject(field);
    if (field.equals("target")) {
      t.put("type", "Utilization");
    }
    t.put("averageUtilization", percent);
    return m;
  }

  private static boolean isCpu(JsonNode m) {
    return m.path("type").asText().equals("Resource") && m.path("resource").path("name").asText().equals("cpu");
  }

  private static boolean isCpuUtilization(JsonNode m, String field) {
    return isCpu(m) && m.path("resource").path(field).hasNonNull("averageUtilization");
  }

  /** The annotation's JSON, or null when absent or unparsable (kube ignores such a value). */
  private static JsonNode parsed(JsonNode annotations, String name) {
    JsonNode text = annotations.get(name);
    if (text == null || !text.isTextual()) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(text.asText());
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** A copy of the metadata with the round-trip annotations dropped (and no empty annotations). */
  private static ObjectNode metadataWithoutRoundTrip(JsonNode object) {
    ObjectNode meta = object.path("metadata").isObject() ? (ObjectNode) object.get("metadata").deepCopy()
        : Json.MAPPER.createObjectNode();
    if (meta.get("annotations") instanceof ObjectNode a) {
      a.remove(ROUND_TRIP);
      if (a.isEmpty()) {
        meta.remove("annotations");
      }
    }
    return meta;
  }

  private static ObjectNode annotations(ObjectNode meta) {
    return meta.get("annotations") instanceof ObjectNode a ? a : meta.putObject("annotations");
  }
}
