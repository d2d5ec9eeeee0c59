package io.logplane.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Just enough of the pod API for bench, over HTTP/2 and TLS with a required client
 * certificate, or over plain HTTP/1.1: create (409 on a duplicate name), list, watch (chunked JSON lines) and delete.
 * Everything runs on the server's one event loop, so its state needs no locks.
 */
final class FakeApiServer implements AutoCloseable {
  // Concurrent collections: the test thread reads what the event loop wrote.
  final Map<String, JsonObject> pods = new java.util.concurrent.ConcurrentHashMap<>();
  final List<String> deleted = new java.util.concurrent.CopyOnWriteArrayList<>();
  final java.util.Set<String> protocols = java.util.concurrent.ConcurrentHashMap.newKeySet();
  final java.util.concurrent.atomic.AtomicInteger connections =
      new java.util.concurrent.atomic.AtomicInteger();
  final java.util.Set<String> authorizations =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** The path the API is served under, as behind a proxy; empty for the root. */
  volatile String mount = "";
  /** Pod names answered with 422, to see errors counted. */
  final java.util.Set<String> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final List<HttpServerResponse> watchers = new ArrayList<>();
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private long rv = 1;

  /** Over TLS with ALPN, requiring a client certificate signed by {@code clientCaPem}. */
  FakeApiServer(String keyPem, String certPem, String clientCaPem) throws Exception {
    this(new HttpServerOptions().setSsl(true).setUseAlpn(true)
        .setKeyCertOptions(new PemKeyCertOptions().setKeyValue(Buffer.buffer(keyPem))
            .setCertValue(Buffer.buffer(certPem)))
        .setClientAuth(ClientAuth.REQUIRED)
        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(clientCaPem))));
  }

  /** Plain HTTP/1.1, as {@code kubectl proxy} serves. */
  FakeApiServer() throws Exception {
    this(new HttpServerOptions());
  }

  private FakeApiServer(HttpServerOptions options) throws Exception {
    server = vertx.createHttpServer(options).requestHandler(this::handle)
        .connectionHandler(c -> connections.incrementAndGet())
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
  }

  int port() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest req) {
    protocols.add(req.version().name());
    String authorization = req.getHeader("Authorization");
    if (authorization != null) {
      authorizations.add(authorization);
    }
    if (!req.path().startsWith(mount)) {
      json(req.response(), 404, new JsonObject().put("message", "not under " + mount));
      return;
    }
    String path = req.path().substring(mount.length());
    if (path.equals("/version")) {
      json(req.response(), 200, new JsonObject().put("gitVersion", "v1.32.0-fake"));
    } else if (req.method().name().equals("POST") && path.endsWith("/pods")) {
      req.body().onSuccess(body -> createPod(req, body.toJsonObject()));
    } else if (req.method().name().equals("POST")) {
      req.body().onSuccess(body -> json(req.response(), 201, body.toJsonObject()));
    } else if (req.method().name().equals("GET") && "1".equals(req.getParam("watch"))) {
      HttpServerResponse res = req.response().setChunked(true)
          .putHeader("Content-Type", "application/json");
      res.writeHead();
      watchers.add(res);
      res.closeHandler(v -> watchers.remove(res));
    } else if (req.method().name().equals("GET")) {
      json(req.response(), 200, new JsonObject().put("kind", "PodList")
          .put("metadata", new JsonObject().put("resourceVersion", Long.toString(rv)))
          .put("items", new JsonArray(new ArrayList<>(pods.values()))));
    } else if (req.method().name().equals("DELETE")) {
      deleted.add(path);
      json(req.response(), 200, new JsonObject().put("kind", "Status"));
    } else {
      json(req.response(), 405, new JsonObject().put("message", "no " + req.method()));
    }
  }

  private void createPod(HttpServerRequest req, JsonObject pod) {
    String name = pod.getJsonObject("metadata").getString("name");
    if (refused.contains(name)) {
      json(req.response(), 422, new JsonObject().put("kind", "Status")
          .put("message", "Pod \"" + name + "\" is invalid: refused by the test"));
      return;
    }
    if (pods.containsKey(name)) {
      json(req.response(), 409, new JsonObject().put("kind", "Status")
          .put("message", "pods \"" + name + "\" already exists"));
      return;
    }
    pod.getJsonObject("metadata").put("resourceVersion", Long.toString(++rv));
    pods.put(name, pod);
    String event = new JsonObject().put("type", "ADDED").put("object", pod).encode() + "\n";
    watchers.forEach(w -> w.write(event));
    json(req.response(), 201, pod);
  }

  private static void json(HttpServerResponse res, int status, JsonObject body) {
    res.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }
}
