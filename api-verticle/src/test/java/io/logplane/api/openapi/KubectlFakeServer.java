package io.logplane.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.resources.BuiltinResources;
import io.logplane.api.resources.ResourceType;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only HTTP server that is just enough of a kube-apiserver for kubectl 1.32 to use the
 * OpenAPI documents: {@code /version}, legacy discovery, {@code /openapi/v3}, and an in-memory
 * object store (GET, POST, PATCH recorded, not applied). Also runnable by hand: {@code main}
 * prints the port and every request.
 */
final class KubectlFakeServer implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  final List<String> requests = new CopyOnWriteArrayList<>();
  final Map<String, String> patches = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> objects = new ConcurrentHashMap<>();
  private final List<ResourceType> types = BuiltinResources.all();
  private final OpenApi openApi = new OpenApi(types);
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;

  KubectlFakeServer() throws Exception {
    objects.put("/api/v1/namespaces/default", MAPPER.readTree(
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"default\"}}"));
    server = vertx.createHttpServer().requestHandler(r -> r.body().onSuccess(b -> handle(r, b)))
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
  }

  int port() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest r, Buffer body) {
    String path = r.path();
    requests.add(r.method() + " " + r.uri() + " Accept: " + r.getHeader("Accept"));
    try {
      if (path.equals("/version")) {
        json(r, 200, "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.0\",\"platform\":\"linux/amd64\"}");
      } else if (path.equals("/openapi/v3")) {
        r.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(Buffer.buffer(openApi.v3Root()));
      } else if (path.startsWith("/openapi/v3/")) {
        Optional<byte[]> doc = openApi.v3Group(path.substring("/openapi/v3/".length()));
        if (doc.isPresent()) {
          r.response().putHeader("Content-Type", "application/json").putHeader("ETag", openApi.etag(path))
              .end(Buffer.buffer(doc.get()));
        } else {
          json(r, 404, status(404, "NotFound", path));
        }
      } else if (path.equals("/openapi/v2")) {
        // Only JSON: clients asking for the protobuf form get 406 and fall back.
        if (String.valueOf(r.getHeader("Accept")).contains("protobuf")) {
          json(r, 406, status(406, "NotAcceptable", "only application/json"));
        } else {
          r.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(openApi.v2()));
        }
      } else if (path.equals("/api")) {
        json(r, 200, "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":"
            + "[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"127.0.0.1:" + port() + "\"}]}");
      } else if (path.equals("/apis")) {
        json(r, 200, groups());
      } else if (isGroupVersion(path)) {
        json(r, 200, resources(path));
      } else {
        objectRequest(r, path, body);
      }
    } catch (Exception e) {
      json(r, 500, status(500, "InternalError", e.toString()));
    }
  }

  private void objectRequest(HttpServerRequest r, String path, Buffer body) throws Exception {
    switch (r.method().name()) {
      case "GET" -> {
        JsonNode o = objects.get(path);
        json(r, o == null ? 404 : 200, o == null ? status(404, "NotFound", path) : o.toString());
      }
      case "POST" -> {
        ObjectNode o = (ObjectNode) MAPPER.readTree(body.getBytes());
        o.with("metadata").put("resourceVersion", "1").put("uid", "u-" + objects.size());
        objects.put(path + "/" + o.path("metadata").path("name").asText(), o);
        json(r, 201, o.toString());
      }
      case "PATCH" -> {
        patches.put(path, r.getHeader("Content-Type") + " " + body);
        JsonNode o = objects.get(path);
        json(r, o == null ? 404 : 200, o == null ? status(404, "NotFound", path) : o.toString());
      }
      default -> json(r, 405, status(405, "MethodNotAllowed", r.method().name()));
    }
  }

  private boolean isGroupVersion(String path) {
    return types.stream().anyMatch(t -> path.equals("/" + OpenApiTest.gvPath(t)));
  }

  private String groups() {
    ObjectNode list = MAPPER.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = list.putArray("groups");
    Map<String, String> versions = new TreeMap<>();
    types.stream().filter(t -> !t.group().isEmpty()).forEach(t -> versions.putIfAbsent(t.group(), t.version())); // the first listed is preferred
    versions.forEach((g, v) -> {
      ObjectNode group = groups.addObject().put("name", g);
      ObjectNode gv = group.putArray("versions").addObject().put("groupVersion", g + "/" + v).put("version", v);
      group.set("preferredVersion", gv.deepCopy());
    });
    return list.toString();
  }

  private String resources(String path) {
    ObjectNode list = MAPPER.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1");
    ArrayNode resources = list.putArray("resources");
    for (ResourceType t : types) {
      if (!path.equals("/" + OpenApiTest.gvPath(t))) {
        continue;
      }
      list.put("groupVersion", t.apiVersion());
      ObjectNode res = resources.addObject().put("name", t.resource()).put("singularName", t.singular())
          .put("namespaced", t.namespaced()).put("kind", t.kind());
      t.shortNames().forEach(res.withArray("shortNames")::add);
      t.categories().forEach(res.withArray("categories")::add);
      ResourceType.VERBS.forEach(res.withArray("verbs")::add);
    }
    return list.toString();
  }

  private static String status(int code, String reason, String message) {
    return MAPPER.createObjectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
        .put("message", message).put("reason", reason).put("code", code).toString();
  }

  private static void json(HttpServerRequest r, int code, String body) {
    r.response().setStatusCode(code).putHeader("Content-Type", "application/json").end(body);
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  /** Serves until killed; prints every request kubectl makes. */
  public static void main(String[] args) throws Exception {
    KubectlFakeServer s = new KubectlFakeServer();
    System.out.println("listening on http://127.0.0.1:" + s.port());
    int seen = 0;
    while (true) {
      synchronized (s) {
        s.wait(200);
      }
      for (; seen < s.requests.size(); seen++) {
        System.out.println(s.requests.get(seen));
      }
    }
  }
}
