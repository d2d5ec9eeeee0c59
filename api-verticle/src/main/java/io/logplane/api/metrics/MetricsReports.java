package io.logplane.api.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.http.ApiException;
import io.logplane.api.resources.ResourceType;
import io.logplane.projections.Json;
import io.logplane.projections.Quantity;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The report a node agent PUTs: a {@code NodeMetrics} or {@code PodMetrics} of the URL's object,
 * with its {@code timestamp}, {@code window} and usage (cpu and memory quantities). What is kept
 * is the report reduced to those fields; metadata beyond the name is the object's own, added
 * when served.
 */
final class MetricsReports {

  private static final Pattern DURATION = Pattern.compile("([0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h))+");

  private MetricsReports() {}

  /** The report to keep, or a 400 (not a report of this object) or 422 (a report with bad figures). */
  static ObjectNode read(ResourceType type, String namespace, String name, ObjectNode body) {
    if (!type.kind().equals(body.path("kind").asText()) || !MetricsTypes.API_VERSION.equals(
        body.path("apiVersion").asText())) {
      throw ApiException.badRequest("the body of the request was not a " + MetricsTypes.API_VERSION + " "
          + type.kind() + ": kind \"" + body.path("kind").asText() + "\", apiVersion \""
          + body.path("apiVersion").asText() + "\"");
    }
    String given = body.path("metadata").path("name").asText("");
    if (!given.isEmpty() && !given.equals(name)) {
      throw ApiException.badRequest("the name of the object (" + given + ") does not match the name on the URL ("
          + name + ")");
    }
    String ns = body.path("metadata").path("namespace").asText("");
    if (namespace != null && !ns.isEmpty() && !ns.equals(namespace)) {
      throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on"
          + " the request");
    }
    ObjectNode kept = Json.MAPPER.createObjectNode().put("kind", type.kind()).put("apiVersion",
        MetricsTypes.API_VERSION);
    ObjectNode meta = kept.putObject("metadata").put("name", name);
    if (namespace != null) {
      meta.put("namespace", namespace);
    }
    String what = type.kind() + "." + MetricsTypes.GROUP + " \"" + name + "\" is invalid: ";
    String timestamp = body.path("timestamp").asText("");
    try {
      Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      throw invalid(what + "timestamp: Invalid value: \"" + timestamp + "\": must be an RFC 3339 time");
    }
    String window = body.path("window").asText("");
    if (!DURATION.matcher(window).matches()) {
      throw invalid(what + "window: Invalid value: \"" + window + "\": must be a duration such as 15s");
    }
    kept.put("timestamp", timestamp).put("window", window);
    if (type == MetricsTypes.NODES) {
      kept.set("usage", usage(body.path("usage"), "usage", what));
    } else {
      var containers = kept.putArray("containers");
      int i = 0;
      for (JsonNode c : body.path("containers")) {
        String path = "containers[" + i++ + "]";
        if (c.path("name").asText("").isEmpty()) {
          throw invalid(what + path + ".name: Required value");
        }
        containers.addObject().put("name", c.path("name").asText()).set("usage",
            usage(c.path("usage"), path + ".usage", what));
      }
    }
    return kept;
  }

  private static ObjectNode usage(JsonNode usage, String path, String what) {
    ObjectNode kept = Json.MAPPER.createObjectNode();
    for (String resource : new String[] {"cpu", "memory"}) {
      JsonNode q = usage.get(resource);
      if (q == null) {
        throw invalid(what + path + "." + resource + ": Required value");
      }
      Optional<String> error = Quantity.error(q);
      if (error.isPresent()) {
        throw invalid(what + path + "." + resource + ": Invalid value: " + q + ": " + error.get());
      }
      kept.put(resource, q.asText());
    }
    return kept;
  }

  private static ApiException invalid(String message) {
    return ApiException.of(422, "Invalid", message);
  }
}
