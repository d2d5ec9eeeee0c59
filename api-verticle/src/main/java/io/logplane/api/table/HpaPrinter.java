package io.logplane.api.table;

import static io.logplane.api.table.Cells.at;
import static io.logplane.api.table.Cells.num;
import static io.logplane.api.table.Cells.str;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** HorizontalPodAutoscalers (autoscaling/v2), with kubectl's summary of metric targets. */
final class HpaPrinter {

  private static final String UNKNOWN = "<unknown>";

  private HpaPrinter() {}

  static Printer create() {
    String spec = "autoscaling/v2.HorizontalPodAutoscalerSpec.";
    return new SimplePrinter(List.of(Column.nameColumn(), Column.doc("Reference", "string", spec + "scaleTargetRef"),
        Column.doc("Targets", "string", spec + "metrics"), Column.doc("MinPods", "string", spec + "minReplicas"),
        Column.doc("MaxPods", "string", spec + "maxReplicas"),
        Column.doc("Replicas", "string", "autoscaling/v2.HorizontalPodAutoscalerStatus.currentReplicas"),
        Column.ageColumn()),
        (o, now) -> {
          JsonNode min = at(o, "spec", "minReplicas");
          return List.of(Cells.name(o),
              str(o, "spec", "scaleTargetRef", "kind") + "/" + str(o, "spec", "scaleTargetRef", "name"),
              metrics(at(o, "spec", "metrics"), at(o, "status", "currentMetrics")),
              min.isNumber() ? min.asText() : "<unset>", num(o, "spec", "maxReplicas"),
              num(o, "status", "currentReplicas"), Cells.age(o, now));
        });
  }

  private static String metrics(JsonNode specs, JsonNode statuses) {
    if (specs.size() == 0) {
      return Cells.NONE;
    }
    List<String> list = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      JsonNode spec = specs.get(i);
      JsonNode status = i < statuses.size() ? statuses.get(i) : null;
      list.add(switch (str(spec, "type")) {
        case "External" -> valueOrAverage(spec.path("external"), status, "external");
        case "Object" -> valueOrAverage(spec.path("object"), status, "object");
        case "Pods" -> current(status, "pods", "averageValue") + "/" + str(spec, "pods", "target", "averageValue");
        case "Resource" -> resource(spec.path("resource"), status, "resource");
        case "ContainerResource" -> resource(spec.path("containerResource"), status, "containerResource");
        default -> "<unknown type>";
      });
    }
    String joined = String.join(", ", list.subList(0, Math.min(2, list.size())));
    return list.size() > 2 ? joined + " + " + (list.size() - 2) + " more..." : joined;
  }

  private static String valueOrAverage(JsonNode source, JsonNode status, String field) {
    JsonNode target = source.path("target");
    if (target.has("averageValue")) {
      return current(status, field, "averageValue") + "/" + str(target, "averageValue") + " (avg)";
    }
    return current(status, field, "value") + "/" + str(target, "value");
  }

  private static String resource(JsonNode source, JsonNode status, String field) {
    JsonNode target = source.path("target");
    if (target.has("averageValue")) {
      return current(status, field, "averageValue") + "/" + str(target, "averageValue");
    }
    JsonNode util = status == null ? null : at(status, field, "current", "averageUtilization");
    String current = util != null && util.isNumber() ? util.asText() + "%" : UNKNOWN;
    JsonNode goal = target.path("averageUtilization");
    return current + "/" + (goal.isNumber() ? goal.asText() + "%" : "<auto>");
  }

  private static String current(JsonNode status, String field, String value) {
    if (status == null || !status.path(field).isObject()) {
      return UNKNOWN;
    }
    String v = str(status, field, "current", value);
    return v.isEmpty() ? UNKNOWN : v;
  }
}
