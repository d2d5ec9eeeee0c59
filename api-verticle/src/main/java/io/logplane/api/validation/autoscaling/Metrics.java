package io.logplane.api.validation.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.Names;
import io.logplane.projections.Quantity;
import java.math.BigDecimal;
import java.util.List;

/** An HPA metric ({@code validateMetricSpec}): a source type with its source, and a target. */
final class Metrics {

  private static final List<String> TYPES = List.of("ContainerResource", "External", "Object", "Pods", "Resource");
  private static final List<String> FIELDS = List.of("object", "external", "pods", "resource", "containerResource");

  private Metrics() {}

  static void validate(JsonNode m, String path, FieldErrors errors) {
    String type = m.path("type").asText("");
    if (type.isEmpty()) {
      errors.required(path + ".type", "must specify a metric source type");
    }
    if (!TYPES.contains(type)) {
      errors.notSupported(path + ".type", type, TYPES);
    }
    String expected = type.isEmpty() ? "" : Character.toLowerCase(type.charAt(0)) + type.substring(1);
    int present = 0;
    for (String f : FIELDS) {
      if (m.hasNonNull(f) && ++present == 1) {
        source(f, m.get(f), path + "." + f, errors);
      }
    }
    if (TYPES.contains(type) && !m.hasNonNull(expected)) {
      errors.required(path + "." + expected, "must populate information for the given metric source");
    }
    if (present > 1) {
      for (String f : FIELDS) {
        if (m.hasNonNull(f) && !f.equals(expected)) {
          errors.forbidden(path + "." + f, "must populate the given metric source only");
        }
      }
    }
  }

  private static void source(String kind, JsonNode s, String path, FieldErrors errors) {
    JsonNode t = s.path("target");
    switch (kind) {
      case "object" -> reference(s.path("describedObject"), path + ".describedObject", errors);
      case "resource", "containerResource" -> {
        if (s.path("name").asText("").isEmpty()) {
          errors.required(path + ".name", "must specify a resource name");
        }
        if (kind.equals("containerResource")) {
          String c = s.path("container").asText("");
          if (c.isEmpty()) {
            errors.required(path + ".container", "must specify a container");
          } else {
            Names.check(Names.isDns1123Label(c), path + ".container", c, errors);
          }
        }
      }
      default -> { }
    }
    if (!kind.startsWith("resource") && !kind.equals("containerResource")) {
      String name = s.path("metric").path("name").asText("");
      if (name.isEmpty()) {
        errors.required(path + ".metric.name", "must specify a metric name");
      }
    }
    target(t, path + ".target", errors);
    boolean value = t.hasNonNull("value");
    boolean average = t.hasNonNull("averageValue");
    boolean utilization = t.hasNonNull("averageUtilization");
    switch (kind) {
      case "object" -> {
        if (!value && !average) {
          errors.required(path + ".target.averageValue", "must set either a target value or averageValue");
        }
      }
      case "external" -> {
        if (!value && !average) {
          errors.required(path + ".target.averageValue", "must set either a target value for metric or a per-pod target");
        }
        if (value && average) {
          errors.forbidden(path + ".target.value", "may not set both a target value for metric and a per-pod target");
        }
      }
      case "pods" -> {
        if (!average) {
          errors.required(path + ".target.averageValue", "must specify a positive target averageValue");
        }
      }
      default -> {
        if (!utilization && !average) {
          errors.required(path + ".target.averageUtilization", "must set either a target raw value or a target utilization");
        }
        if (utilization && average) {
          errors.forbidden(path + ".target.averageValue", "may not set both a target raw value and a target utilization");
        }
      }
    }
  }

  private static void target(JsonNode t, String path, FieldErrors errors) {
    String type = t.path("type").asText("");
    if (type.isEmpty()) {
      errors.required(path + ".type", "must specify a metric target type");
    }
    if (!List.of("Utilization", "Value", "AverageValue").contains(type)) {
      errors.invalid(path + ".type", type, "must be either Utilization, Value, or AverageValue");
    }
    for (String f : List.of("value", "averageValue")) {
      if (t.hasNonNull(f) && Quantity.parse(t.get(f)).map(Quantity::value).map(q -> q.signum() != 1).orElse(false)) {
        errors.invalid(path + "." + f, t.get(f).asText(), "must be positive");
      }
    }
    if (t.hasNonNull("averageUtilization") && t.get("averageUtilization").asLong() < 1) {
      errors.invalid(path + ".averageUtilization", t.get("averageUtilization").asLong(), "must be greater than 0");
    }
  }

  /** A CrossVersionObjectReference: kind and name, each a valid path segment. */
  static void reference(JsonNode ref, String path, FieldErrors errors) {
    for (String f : List.of("kind", "name")) {
      String v = ref.path(f).asText("");
      if (v.isEmpty()) {
        errors.required(path + "." + f, null);
      } else if (v.equals(".") || v.equals("..")) {
        errors.invalid(path + "." + f, v, "may not be '" + v + "'");
      } else {
        for (String bad : new String[] {"/", "%"}) {
          if (v.contains(bad)) {
            errors.invalid(path + "." + f, v, "may not contain '" + bad + "'");
          }
        }
      }
    }
  }
}
