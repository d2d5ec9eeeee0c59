package io.logplane.api.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import java.util.Map;

/**
 * events.k8s.io/v1 Events over the stored core/v1 ones, as kube's
 * {@code pkg/apis/events/v1/conversion.go}: one Event resource served through both groups.
 * {@code note} is {@code message}, {@code regarding} {@code involvedObject},
 * {@code reportingController} {@code reportingComponent}, {@code deprecatedSource}
 * {@code source} and the {@code deprecated} counts and timestamps the core ones; the rest
 * ({@code eventTime}, {@code series}, {@code action}, {@code reason}, {@code related},
 * {@code reportingInstance}, {@code type}) has the same name in both.
 */
final class EventV1 implements Converter {

  /** events.k8s.io/v1 field to core/v1 field, in the order of the events.k8s.io/v1 type. */
  private static final Map<String, String> TO_CORE = orderedMap(
      "eventTime", "eventTime",
      "series", "series",
      "reportingController", "reportingComponent",
      "reportingInstance", "reportingInstance",
      "action", "action",
      "reason", "reason",
      "regarding", "involvedObject",
      "related", "related",
      "note", "message",
      "type", "type",
      "deprecatedSource", "source",
      "deprecatedFirstTimestamp", "firstTimestamp",
      "deprecatedLastTimestamp", "lastTimestamp",
      "deprecatedCount", "count");

  @Override
  public ObjectNode toStorage(ObjectNode served) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("kind", "Event").put("apiVersion", "v1");
    out.set("metadata", served.path("metadata").deepCopy());
    for (Map.Entry<String, String> f : TO_CORE.entrySet()) {
      HpaMetricsV1.copy(served, f.getKey(), out, f.getValue());
    }
    if (!out.has("eventTime")) {
      out.putNull("eventTime"); // core/v1 marshals an unset MicroTime as null too
    }
    return out;
  }

  @Override
  public ObjectNode fromStorage(ObjectNode stored) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("kind", "Event").put("apiVersion", "events.k8s.io/v1");
    out.set("metadata", stored.path("metadata").deepCopy());
    for (Map.Entry<String, String> f : TO_CORE.entrySet()) {
      JsonNode v = stored.get(f.getValue());
      if (v != null && !omitted(f.getKey(), v)) {
        out.set(f.getKey(), v.deepCopy());
      }
    }
    if (!out.has("eventTime")) {
      out.putNull("eventTime"); // not omitempty in events.k8s.io/v1
    }
    return out;
  }

  /** Fields that are {@code omitempty} in events.k8s.io/v1 and empty in the stored Event. */
  private static boolean omitted(String field, JsonNode v) {
    return switch (field) {
      case "reportingController", "reportingInstance", "action", "reason", "note", "type" ->
          v.isNull() || v.asText().isEmpty();
      case "deprecatedCount" -> v.isNull() || v.asLong() == 0;
      case "eventTime" -> false;
      default -> v.isNull();
    };
  }

  private static Map<String, String> orderedMap(String... pairs) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
