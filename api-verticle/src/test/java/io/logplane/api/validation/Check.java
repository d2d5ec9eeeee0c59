package io.logplane.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.admission.Defaults;
import io.logplane.api.admission.Validation;
import io.logplane.api.http.ApiException;
import io.logplane.api.resources.BuiltinResources;
import io.logplane.api.resources.ResourceType;
import io.logplane.projections.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an object through what the API does before a write (decoding checks, defaults, validation)
 * and gives the answer as lines: "field: message" per cause of a 422, or "400: message".
 */
final class Check {

  private Check() {}

  static ResourceType type(String group, String resource) {
    return BuiltinResources.all().stream()
        .filter(t -> t.group().equals(group) && t.resource().equals(resource)).findFirst().orElseThrow();
  }

  static List<String> create(String group, String resource, String json) {
    ResourceType t = type(group, resource);
    ObjectNode o = object(json);
    try {
      Decoding.check(t, o);
      Defaults.apply(t, o);
      Validation.check(t, o);
      return List.of();
    } catch (ApiException e) {
      return lines(e);
    }
  }

  static List<String> update(String group, String resource, String old, String json) {
    ResourceType t = type(group, resource);
    ObjectNode before = object(old);
    Defaults.apply(t, before);
    ObjectNode o = object(json);
    try {
      Decoding.check(t, o);
      Defaults.apply(t, o);
      Validation.checkUpdate(t, before, o);
      return List.of();
    } catch (ApiException e) {
      return lines(e);
    }
  }

  static ObjectNode object(String json) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  static List<String> lines(ApiException e) {
    List<String> out = new ArrayList<>();
    if (e.code() != 422) {
      out.add(e.code() + ": " + e.getMessage());
      return out;
    }
    for (JsonNode c : e.status().path("details").path("causes")) {
      out.add(c.path("field").asText() + ": " + c.path("message").asText());
    }
    return out;
  }

  /** A pod named p with the given spec. */
  static String pod(String spec) {
    return "{\"metadata\":{\"name\":\"p\"},\"spec\":" + spec + "}";
  }

  /** One container named c with image i and the given extra fields. */
  static String container(String extra) {
    return "{\"name\":\"c\",\"image\":\"i\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
  }
}
