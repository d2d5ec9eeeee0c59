package io.logplane.api.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Renders OpenAPI v3 documents: one per group-version, and the root that lists them. */
final class V3Writer {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Map<Integer, String> STATUS_TEXT = Map.of(200, "OK", 201, "Created", 202, "Accepted");

  private V3Writer() {}

  /** {@code {"paths":{"apis/apps/v1":{"serverRelativeURL":"/openapi/v3/apis/apps/v1?hash=..."}}}}. */
  static ObjectNode root(Map<String, String> hashes) {
    ObjectNode root = JSON.objectNode();
    ObjectNode paths = root.putObject("paths");
    new TreeMap<>(hashes).forEach((path, hash) ->
        paths.putObject(path).put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + hash));
    return root;
  }

  /** The document of one group-version: its operations and every schema they reach. */
  static ObjectNode group(String version, List<Operation> ops, Map<String, ObjectNode> definitions) {
    ObjectNode doc = JSON.objectNode().put("openapi", "3.0.0");
    doc.putObject("info").put("title", "Kubernetes").put("version", version);
    ObjectNode paths = doc.putObject("paths");
    Map<String, List<Operation>> byPath = new TreeMap<>();
    for (Operation op : ops) {
      byPath.computeIfAbsent(op.path(), p -> new ArrayList<>()).add(op);
    }
    TreeSet<String> roots = new TreeSet<>();
    byPath.forEach((path, pathOps) -> {
      ObjectNode item = paths.putObject(path);
      pathParameters(path, pathOps.get(0).gvk().kind()).forEach(p -> item.withArray("parameters").add(p));
      for (Operation op : pathOps) {
        item.set(op.method(), operation(op));
        if (op.body() != null) {
          roots.add(op.body());
        }
        roots.add(op.response());
      }
    });
    ObjectNode components = doc.putObject("components");
    ObjectNode schemas = components.putObject("schemas");
    closure(roots, definitions).forEach(name -> schemas.set(name, definitions.get(name)));
    components.putObject("securitySchemes").putObject("BearerToken").put("type", "apiKey")
        .put("description", "Bearer Token authentication").put("name", "authorization").put("in", "header");
    doc.putArray("security").addObject().putArray("BearerToken");
    return doc;
  }

  /** The names reachable from roots through $ref, sorted. Fails on a reference to nothing. */
  static TreeSet<String> closure(Iterable<String> roots, Map<String, ObjectNode> definitions) {
    TreeSet<String> seen = new TreeSet<>();
    Deque<String> todo = new ArrayDeque<>();
    roots.forEach(todo::add);
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (!seen.add(name)) {
        continue;
      }
      ObjectNode schema = definitions.get(name);
      if (schema == null) {
        throw new IllegalStateException("reference to an undefined schema " + name);
      }
      // Only textual values: JSONSchemaProps has a property named "$ref".
      schema.findValues("$ref").stream().filter(r -> r.isTextual() && r.asText().startsWith(SchemaGenerator.REF))
          .forEach(r -> todo.add(r.asText().substring(SchemaGenerator.REF.length())));
    }
    return seen;
  }

  static List<ObjectNode> pathParameters(String path, String kind) {
    List<ObjectNode> params = new ArrayList<>();
    if (path.contains("{name}")) {
      params.add(pathParam("name", "name of the " + kind));
    }
    if (path.contains("{namespace}")) {
      params.add(pathParam("namespace", "object name and auth scope, such as for teams and projects"));
    }
    params.add(query("pretty"));
    return params;
  }

  private static ObjectNode operation(Operation op) {
    ObjectNode o = JSON.objectNode();
    o.putArray("tags").add(op.tag());
    o.put("description", op.description()).put("operationId", op.operationId());
    if (!op.query().isEmpty()) {
      ArrayNode params = o.putArray("parameters");
      op.query().forEach(q -> params.add(query(q)));
    }
    if (op.body() != null) {
      ObjectNode body = o.putObject("requestBody");
      ObjectNode content = body.putObject("content");
      op.consumes().forEach(ct -> content.putObject(ct).set("schema", SchemaGenerator.ref(op.body())));
      body.put("required", !op.body().equals(KubeTypes.DELETE_OPTIONS));
    }
    ObjectNode responses = o.putObject("responses");
    for (int code : op.codes()) {
      ObjectNode r = responses.putObject(Integer.toString(code)).put("description", STATUS_TEXT.get(code));
      ObjectNode content = r.putObject("content");
      produces(op).forEach(ct -> content.putObject(ct).set("schema", SchemaGenerator.ref(op.response())));
    }
    responses.putObject("401").put("description", "Unauthorized");
    o.put("x-kubernetes-action", op.action());
    o.set("x-kubernetes-group-version-kind", op.gvk().json());
    return o;
  }

  static List<String> produces(Operation op) {
    return op.isList()
        ? List.of("application/json", "application/json;stream=watch", "application/yaml")
        : List.of("application/json", "application/yaml");
  }

  private static ObjectNode pathParam(String name, String description) {
    ObjectNode p = JSON.objectNode().put("name", name).put("in", "path").put("description", description)
        .put("required", true);
    p.putObject("schema").put("type", "string").put("uniqueItems", true);
    return p;
  }

  private static ObjectNode query(String name) {
    QueryParams.Param q = QueryParams.get(name);
    ObjectNode p = JSON.objectNode().put("name", name).put("in", "query").put("description", q.description());
    p.putObject("schema").put("type", q.type()).put("uniqueItems", true);
    return p;
  }
}
