package io.logplane.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders the swagger 2.0 document ({@code /openapi/v2}): every path of every group-version and
 * every definition, converted from the v3 schemas (references under {@code #/definitions/}, no
 * oneOf/anyOf/nullable, which 2.0 lacks).
 */
final class V2Writer {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String REF = "#/definitions/";
  private static final Set<String> NOT_IN_V2 = Set.of("oneOf", "anyOf", "not", "nullable");
  private static final Map<Integer, String> STATUS_TEXT = Map.of(200, "OK", 201, "Created", 202, "Accepted");

  private V2Writer() {}

  static ObjectNode document(String version, List<Operation> ops, Map<String, ObjectNode> definitions) {
    ObjectNode doc = JSON.objectNode().put("swagger", "2.0");
    doc.putObject("info").put("title", "Kubernetes").put("version", version);
    ObjectNode paths = doc.putObject("paths");
    Map<String, List<Operation>> byPath = new TreeMap<>();
    ops.forEach(op -> byPath.computeIfAbsent(op.path(), p -> new ArrayList<>()).add(op));
    byPath.forEach((path, pathOps) -> {
      ObjectNode item = paths.putObject(path);
      ArrayNode params = item.putArray("parameters");
      V3Writer.pathParameters(path, pathOps.get(0).gvk().kind()).forEach(p -> params.add(parameter(p)));
      pathOps.forEach(op -> item.set(op.method(), operation(op)));
    });
    ObjectNode defs = doc.putObject("definitions");
    definitions.forEach((name, schema) ->
        defs.set(name, KubeTypes.fixedV2(name).orElseGet(() -> (ObjectNode) convert(schema.deepCopy()))));
    doc.putObject("securityDefinitions").putObject("BearerToken").put("type", "apiKey")
        .put("description", "Bearer Token authentication").put("name", "authorization").put("in", "header");
    doc.putArray("security").addObject().putArray("BearerToken");
    return doc;
  }

  private static ObjectNode operation(Operation op) {
    ObjectNode o = JSON.objectNode();
    o.putArray("tags").add(op.tag());
    o.put("description", op.description()).put("operationId", op.operationId());
    if (!op.consumes().isEmpty()) {
      op.consumes().forEach(o.withArray("consumes")::add);
    }
    V3Writer.produces(op).forEach(o.withArray("produces")::add);
    o.putArray("schemes").add("https");
    ArrayNode params = o.putArray("parameters");
    if (op.body() != null) {
      ObjectNode body = params.addObject().put("name", "body").put("in", "body")
          .put("required", !op.body().equals(KubeTypes.DELETE_OPTIONS));
      body.putObject("schema").put("$ref", REF + op.body());
    }
    op.query().forEach(q -> {
      QueryParams.Param p = QueryParams.get(q);
      params.addObject().put("uniqueItems", true).put("type", p.type()).put("description", p.description())
          .put("name", q).put("in", "query");
    });
    ObjectNode responses = o.putObject("responses");
    for (int code : op.codes()) {
      ObjectNode r = responses.putObject(Integer.toString(code)).put("description", STATUS_TEXT.get(code));
      r.putObject("schema").put("$ref", REF + op.response());
    }
    responses.putObject("401").put("description", "Unauthorized");
    o.put("x-kubernetes-action", op.action());
    o.set("x-kubernetes-group-version-kind", op.gvk().json());
    return o;
  }

  /** A v3 parameter ({@code schema: {type}}) in v2 form ({@code type} inline). */
  private static ObjectNode parameter(ObjectNode v3) {
    ObjectNode p = v3.deepCopy();
    JsonNode schema = p.remove("schema");
    p.put("type", schema.path("type").asText()).put("uniqueItems", true);
    return p;
  }

  /** Rewrites a v3 schema for swagger 2.0, in place, following only schema-bearing keys. */
  static JsonNode convert(JsonNode node) {
    if (!(node instanceof ObjectNode o)) {
      return node;
    }
    NOT_IN_V2.forEach(o::remove);
    JsonNode allOf = o.get("allOf");
    if (allOf != null && allOf.size() == 1 && allOf.get(0).has("$ref")) {
      o.remove("allOf");
      o.set("$ref", allOf.get(0).get("$ref"));
    }
    JsonNode ref = o.get("$ref");
    if (ref != null && ref.isTextual() && ref.asText().startsWith(SchemaGenerator.REF)) {
      o.put("$ref", REF + ref.asText().substring(SchemaGenerator.REF.length()));
    }
    convert(o.get("items"));
    convert(o.get("additionalProperties"));
    for (String key : List.of("allOf", "properties", "patternProperties")) {
      JsonNode children = o.get(key);
      if (children != null) {
        children.forEach(V2Writer::convert);
      }
    }
    return node;
  }
}
