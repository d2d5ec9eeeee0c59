package io.logplane.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.resources.ResourceType;
import io.logplane.projections.Json;

/** The {@code autoscaling/v1 Scale} view of a scalable object, and its write-back. */
public final class Scale {

  private Scale() {}

  public static ObjectNode of(ResourceType type, ObjectNode object) {
    ObjectNode s = Json.MAPPER.createObjectNode();
    s.put("kind", "Scale").put("apiVersion", "autoscaling/v1");
    ObjectNode meta = s.putObject("metadata");
    JsonNode m = object.path("metadata");
    for (String f : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
      if (m.has(f)) {
        meta.set(f, m.get(f));
      }
    }
    s.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(0));
    ObjectNode status = s.putObject("status").put("replicas", object.path("status").path("replicas").asInt(0));
    JsonNode selector = object.path("spec").path("selector");
    if (selector.has("matchLabels")) {
      StringBuilder sb = new StringBuilder();
      selector.path("matchLabels").fields().forEachRemaining(e ->
          sb.append(sb.length() > 0 ? "," : "").append(e.getKey()).append('=').append(e.getValue().asText()));
      status.put("selector", sb.toString());
    } else if (selector.isObject() && !selector.isEmpty() && !type.kind().equals("ReplicationController")) {
      status.put("selector", selector.toString());
    }
    return s;
  }

  /** The object with spec.replicas taken from a Scale body. */
  public static ObjectNode apply(ObjectNode object, ObjectNode scale) {
    JsonNode replicas = scale.path("spec").path("replicas");
    if (!replicas.isInt() || replicas.asInt() < 0) {
      // ValidateScale: the Status names the Scale and its field
      throw new FieldErrors().invalid("spec.replicas", replicas, "must be greater than or equal to 0")
          .toException("autoscaling", "Scale", object.path("metadata").path("name").asText());
    }
    ObjectNode next = object.deepCopy();
    ((ObjectNode) next.path("spec")).put("replicas", replicas.asInt());
    return next;
  }
}
