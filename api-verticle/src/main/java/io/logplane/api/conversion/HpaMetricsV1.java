package io.logplane.api.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;

/**
 * The metric specs and statuses of a HorizontalPodAutoscaler between autoscaling/v2 and the
 * autoscaling/v1 form its annotations carry (v2beta1's shape: {@code targetAverageValue},
 * {@code metricName}), field by field as kube's {@code autoscaling/v1} conversion functions.
 * Quantities that are not pointers in v1 are written as {@code "0"} when v2 has none, as Go
 * marshals a zero Quantity.
 */
final class HpaMetricsV1 {

  private static final String ZERO = "0";

  private HpaMetricsV1() {}

  /** A v2 MetricSpec as v1. */
  static ObjectNode specToV1(JsonNode m) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    String type = m.path("type").asText();
    out.put("type", type);
    JsonNode s;
    if ((s = m.get("object")) != null) {
      ObjectNode o = out.putObject("object");
      o.set("target", reference(s.path("describedObject")));
      o.put("metricName", s.path("metric").path("name").asText(""));
      o.set("targetValue", quantity(s.path("target").get("value")));
      copy(s.path("metric"), "selector", o, "selector");
      copy(s.path("target"), "averageValue", o, "averageValue");
    }
    if ((s = m.get("pods")) != null) {
      ObjectNode o = out.putObject("pods");
      o.put("metricName", s.path("metric").path("name").asText(""));
      o.set("targetAverageValue", quantity(s.path("target").get("averageValue")));
      copy(s.path("metric"), "selector", o, "selector");
    }
    if ((s = m.get("resource")) != null) {
      resourceTarget(s, out.putObject("resource"));
    }
    if ((s = m.get("containerResource")) != null) {
      resourceTarget(s, out.putObject("containerResource")).put("container", s.path("container").asText(""));
    }
    if ((s = m.get("external")) != null) {
      ObjectNode o = out.putObject("external");
      o.put("metricName", s.path("metric").path("name").asText(""));
      copy(s.path("metric"), "selector", o, "metricSelector");
      copy(s.path("target"), "value", o, "targetValue");
      copy(s.path("target"), "averageValue", o, "targetAverageValue");
    }
    return out;
  }

  /** A v1 MetricSpec as v2, with the target type each v1 source implies. */
  static ObjectNode specFromV1(JsonNode m) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("type", m.path("type").asText());
    JsonNode s;
    if ((s = m.get("object")) != null) {
      ObjectNode o = out.putObject("object");
      o.set("describedObject", reference(s.path("target")));
      ObjectNode target = o.putObject("target").put("type", s.hasNonNull("averageValue") ? "AverageValue" : "Value");
      target.set("value", quantity(s.get("targetValue")));
      copy(s, "averageValue", target, "averageValue");
      metric(o, s.path("metricName"), s.get("selector"));
    }
    if ((s = m.get("pods")) != null) {
      ObjectNode o = out.putObject("pods");
      metric(o, s.path("metricName"), s.get("selector"));
      o.putObject("target").put("type", "AverageValue").set("averageValue", quantity(s.get("targetAverageValue")));
    }
    if ((s = m.get("resource")) != null) {
      resourceTargetFromV1(s, out.putObject("resource"));
    }
    if ((s = m.get("containerResource")) != null) {
      resourceTargetFromV1(s, out.putObject("containerResource")).put("container", s.path("container").asText(""));
    }
    if ((s = m.get("external")) != null) {
      ObjectNode o = out.putObject("external");
      metric(o, s.path("metricName"), s.get("metricSelector"));
      ObjectNode target = o.putObject("target").put("type", s.hasNonNull("targetValue") ? "Value" : "AverageValue");
      copy(s, "targetValue", target, "value");
      copy(s, "targetAverageValue", target, "averageValue");
    }
    return out;
  }

  /** A v2 MetricStatus as v1. */
  static ObjectNode statusToV1(JsonNode m) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("type", m.path("type").asText());
    JsonNode s;
    if ((s = m.get("object")) != null) {
      ObjectNode o = out.putObject("object");
      o.set("target", reference(s.path("describedObject")));
      o.put("metricName", s.path("metric").path("name").asText(""));
      o.set("currentValue", quantity(s.path("current").get("value")));
      copy(s.path("metric"), "selector", o, "selector");
      copy(s.path("current"), "averageValue", o, "averageValue");
    }
    if ((s = m.get("pods")) != null) {
      ObjectNode o = out.putObject("pods");
      o.put("metricName", s.path("metric").path("name").asText(""));
      o.set("currentAverageValue", quantity(s.path("current").get("averageValue")));
      copy(s.path("metric"), "selector", o, "selector");
    }
    if ((s = m.get("resource")) != null) {
      resourceCurrent(s, out.putObject("resource"));
    }
    if ((s = m.get("containerResource")) != null) {
      resourceCurrent(s, out.putObject("containerResource")).put("container", s.path("container").asText(""));
    }
    if ((s = m.get("external")) != null) {
      ObjectNode o = out.putObject("external");
      o.put("metricName", s.path("metric").path("name").asText(""));
      copy(s.path("metric"), "selector", o, "metricSelector");
      o.set("currentValue", quantity(s.path("current").get("value")));
      copy(s.path("current"), "averageValue", o, "currentAverageValue");
    }
    return out;
  }

  /** A v1 MetricStatus as v2. */
  static ObjectNode statusFromV1(JsonNode m) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("type", m.path("type").asText());
    JsonNode s;
    if ((s = m.get("object")) != null) {
      ObjectNode o = out.putObject("object");
      metric(o, s.path("metricName"), s.get("selector"));
      ObjectNode current = o.putObject("current");
      current.set("value", quantity(s.get("currentValue")));
      copy(s, "averageValue", current, "averageValue");
      o.set("describedObject", reference(s.path("target")));
    }
    if ((s = m.get("pods")) != null) {
      ObjectNode o = out.putObject("pods");
      metric(o, s.path("metricName"), s.get("selector"));
      o.putObject("current").set("averageValue", quantity(s.get("currentAverageValue")));
    }
    if ((s = m.get("resource")) != null) {
      resourceCurrentFromV1(s, out.putObject("resource"));
    }
    if ((s = m.get("containerResource")) != null) {
      resourceCurrentFromV1(s, out.putObject("containerResource")).put("container", s.path("container").asText(""));
    }
    if ((s = m.get("external")) != null) {
      ObjectNode o = out.putObject("external");
      metric(o, s.path("metricName"), s.get("metricSelector"));
      ObjectNode current = o.putObject("current");
      current.set("value", quantity(s.get("currentValue")));
      copy(s, "currentAverageValue", current, "averageValue");
    }
    return out;
  }

  private static ObjectNode resourceTarget(JsonNode s, ObjectNode o) {
    o.put("name", s.path("name").asText(""));
    copy(s.path("target"), "averageUtilization", o, "targetAverageUtilization");
    copy(s.path("target"), "averageValue", o, "targetAverageValue");
    return o;
  }

  private static ObjectNode resourceTargetFromV1(JsonNode s, ObjectNode o) {
    o.put("name", s.path("name").asText(""));
    ObjectNode target = o.putObject("target")
        .put("type", s.hasNonNull("targetAverageUtilization") ? "Utilization" : "AverageValue");
    copy(s, "targetAverageUtilization", target, "averageUtilization");
    copy(s, "targetAverageValue", target, "averageValue");
    return o;
  }

  private static ObjectNode resourceCurrent(JsonNode s, ObjectNode o) {
    o.put("name", s.path("name").asText(""));
    copy(s.path("current"), "averageUtilization", o, "currentAverageUtilization");
    o.set("currentAverageValue", quantity(s.path("current").get("averageValue")));
    return o;
  }

  private static ObjectNode resourceCurrentFromV1(JsonNode s, ObjectNode o) {
    o.put("name", s.path("name").asText(""));
    ObjectNode current = o.putObject("current");
    current.set("averageValue", quantity(s.get("currentAverageValue")));
    copy(s, "currentAverageUtilization", current, "averageUtilization");
    return o;
  }

  private static void metric(ObjectNode o, JsonNode name, JsonNode selector) {
    ObjectNode metric = o.putObject("metric").put("name", name.asText(""));
    if (selector != null && !selector.isNull()) {
      metric.set("selector", selector.deepCopy());
    }
  }

  /** A CrossVersionObjectReference: kind, name, and apiVersion when set. */
  private static ObjectNode reference(JsonNode r) {
    ObjectNode out = Json.MAPPER.createObjectNode().put("kind", r.path("kind").asText(""))
        .put("name", r.path("name").asText(""));
    copy(r, "apiVersion", out, "apiVersion");
    return out;
  }

  private static JsonNode quantity(JsonNode q) {
    return q == null || q.isNull() ? Json.MAPPER.getNodeFactory().textNode(ZERO) : q.deepCopy();
  }

  static void copy(JsonNode from, String field, ObjectNode to, String as) {
    JsonNode v = from.get(field);
    if (v != null && !v.isNull()) {
      to.set(as, v.deepCopy());
    }
  }
}
