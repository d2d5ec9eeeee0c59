package io.logplane.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.resources.ResourceType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The schemas of a custom resource, as kube-apiserver publishes them: the CRD's
 * openAPIV3Schema with apiVersion, kind and a metadata reference to ObjectMeta (whatever the
 * CRD said about metadata), tagged with its kind, plus the list kind. Names follow the group
 * reversed: group {@code stable.example.com}, kind CronTab: {@code com.example.stable.v1.CronTab}.
 */
final class CustomSchemas {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private CustomSchemas() {}

  static String name(ResourceType type) {
    List<String> parts = new ArrayList<>(List.of(type.group().split("\\.")));
    Collections.reverse(parts);
    return String.join(".", parts) + "." + type.version() + "." + type.kind();
  }

  static String listName(ResourceType type) {
    return name(type) + "List";
  }

  /** The object schema; without a CRD schema the object keeps any field. */
  static ObjectNode kind(ResourceType type, JsonNode openApiV3Schema) {
    ObjectNode s;
    if (openApiV3Schema instanceof ObjectNode given) {
      s = given.deepCopy();
    } else {
      s = JSON.objectNode().put("x-kubernetes-preserve-unknown-fields", true);
    }
    s.put("type", "object");
    ObjectNode properties = s.has("properties") && s.get("properties").isObject()
        ? (ObjectNode) s.get("properties") : s.putObject("properties");
    properties.set("apiVersion", string(FieldFacts.description("apiVersion", false).orElseThrow()));
    properties.set("kind", string(FieldFacts.description("kind", false).orElseThrow()));
    properties.set("metadata", SchemaGenerator.describe(SchemaGenerator.ref(KubeTypes.OBJECT_META),
        FieldFacts.description("metadata", false).orElseThrow()));
    gvk(s, type, type.kind());
    return s;
  }

  static ObjectNode list(ResourceType type) {
    ObjectNode s = JSON.objectNode().put("description", "List of " + type.resource() + ".").put("type", "object");
    s.putArray("required").add("items");
    ObjectNode p = s.putObject("properties");
    p.set("apiVersion", string(FieldFacts.description("apiVersion", false).orElseThrow()));
    ObjectNode items = p.putObject("items").put("type", "array")
        .put("description", FieldFacts.description("items", true).orElseThrow());
    items.set("items", SchemaGenerator.ref(name(type)));
    p.set("kind", string(FieldFacts.description("kind", true).orElseThrow()));
    p.set("metadata", SchemaGenerator.describe(SchemaGenerator.ref(KubeTypes.LIST_META),
        FieldFacts.description("metadata", true).orElseThrow()));
    gvk(s, type, type.kind() + "List");
    return s;
  }

  /** Adds one {@code x-kubernetes-group-version-kind} entry, once. */
  static void gvk(ObjectNode schema, ResourceType type, String kind) {
    ObjectNode entry = new Operation.Gvk(type.group(), type.version(), kind).json();
    var list = schema.withArray("x-kubernetes-group-version-kind");
    for (JsonNode existing : list) {
      if (existing.equals(entry)) {
        return;
      }
    }
    list.add(entry);
  }

  private static ObjectNode string(String description) {
    return JSON.objectNode().put("description", description).put("type", "string");
  }
}
