package io.logplane.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.resources.ResourceType;
import io.logplane.projections.Json;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The OpenAPI v3 schema of each served kind, parsed from the group-version documents the server
 * publishes and cached until the document changes.
 */
public final class Schemas {

  /** Gives the published v3 document of a group-version path ({@code api/v1}, {@code apis/apps/v1}). */
  private final Function<String, Optional<byte[]>> documents;
  private final Map<String, Parsed> cache = new ConcurrentHashMap<>();

  private record Parsed(byte[] source, JsonNode schemas, Map<String, Optional<JsonNode>> kinds) {}

  public Schemas(Function<String, Optional<byte[]>> documents) {
    this.documents = documents;
  }

  /** The components.schemas of the type's document and the name of the kind's schema, if published. */
  public Optional<Map.Entry<JsonNode, JsonNode>> of(ResourceType type) {
    String path = type.group().isEmpty() ? "api/" + type.version() : "apis/" + type.group() + "/" + type.version();
    Optional<byte[]> doc = documents.apply(path);
    if (doc.isEmpty()) {
      return Optional.empty();
    }
    Parsed p = cache.get(path);
    if (p == null || p.source() != doc.get()) {
      try {
        p = new Parsed(doc.get(), Json.MAPPER.readTree(doc.get()).path("components").path("schemas"),
            new ConcurrentHashMap<>());
      } catch (IOException e) {
        return Optional.empty();
      }
      cache.put(path, p);
    }
    JsonNode schemas = p.schemas();
    return p.kinds().computeIfAbsent(type.kind(), k -> find(schemas, type)).map(s -> Map.entry(schemas, s));
  }

  private static Optional<JsonNode> find(JsonNode schemas, ResourceType type) {
    for (Map.Entry<String, JsonNode> s : (Iterable<Map.Entry<String, JsonNode>>) schemas::fields) {
      for (JsonNode gvk : s.getValue().path("x-kubernetes-group-version-kind")) {
        if (gvk.path("kind").asText().equals(type.kind()) && gvk.path("group").asText().equals(type.group())
            && gvk.path("version").asText().equals(type.version())) {
          return Optional.of(s.getValue());
        }
      }
    }
    return Optional.empty();
  }
}
