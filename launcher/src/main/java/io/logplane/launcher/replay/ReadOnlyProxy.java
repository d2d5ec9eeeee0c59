package io.logplane.launcher.replay;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import java.util.List;
import java.util.Set;

/**
 * The front of a replay's API server: refuses every write (POST, PUT, PATCH, DELETE) with a
 * 405 MethodNotAllowed Status naming the replayed resourceVersion, and passes everything else
 * (reads, lists, watches, discovery, OpenAPI) to the API server behind it on the loopback,
 * streaming the answer as it comes. A WebSocket upgrade (a watch over WebSocket, as the web page
 * opens it) is passed on as a WebSocket to the server behind, its frames relayed both ways.
 * Clients authenticate with a bearer token (a header, or the WebSocket bearer subprotocol): the
 * server behind sees the proxy's connection, not a client certificate.
 */
final class ReadOnlyProxy {

  private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
      HttpMethod.DELETE);
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
      "transfer-encoding", "te", "trailer", "upgrade", "host", "http2-settings");

  private final Vertx vertx;
  private final long resourceVersion;
  private final int backendPort;
  private final HttpClient client;
  private final io.vertx.core.http.WebSocketClient webSockets;

  ReadOnlyProxy(Vertx vertx, long resourceVersion, int backendPort, String caPem) {
    this.vertx = vertx;
    this.resourceVersion = resourceVersion;
    this.backendPort = backendPort;
    this.client = vertx.createHttpClient(new HttpClientOptions().setSsl(true)
        .setTrustOptions(new PemTrustOptions().addCertValue(io.vertx.core.buffer.Buffer.buffer(caPem)))
        .setDefaultHost("127.0.0.1").setDefaultPort(backendPort).setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(512));
    this.webSockets = vertx.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions().setSsl(true)
        .setTrustOptions(new PemTrustOptions().addCertValue(io.vertx.core.buffer.Buffer.buffer(caPem)))
        .setMaxFrameSize(1 << 20).setMaxMessageSize(64 << 20));
  }

  /** Listens on host:port with the given TLS options (certificate, ALPN) and returns the server. */
  Future<HttpServer> listen(HttpServerOptions tls) {
    HttpServerOptions options = new HttpServerOptions(tls).setUseAlpn(true)
        .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
    return vertx.createHttpServer(options).connectionHandler(io.logplane.http2.StreamWritability::install)
        .requestHandler(this::handle).listen();
  }

  private void handle(HttpServerRequest req) {
    if (WRITES.contains(req.method())) {
      refuse(req);
      return;
    }
    if ("websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
      relayWebSocket(req);
      return;
    }
    req.pause();
    RequestOptions to = new RequestOptions().setMethod(req.method()).setHost("127.0.0.1").setPort(backendPort)
        .setURI(req.uri()).setHeaders(forwarded(req.headers()));
    client.request(to).compose(creq -> {
      req.response().closeHandler(v -> creq.reset());
      return creq.send(req);
    }).onSuccess(cres -> {
      var resp = req.response().setStatusCode(cres.statusCode());
      resp.headers().addAll(forwarded(cres.headers()));
      if (!cres.headers().contains("Content-Length") && req.version() != HttpVersion.HTTP_2) {
        resp.setChunked(true);
      }
      cres.pipeTo(resp);
    }).onFailure(err -> {
      if (!req.response().ended() && !req.response().headWritten()) {
        status(req, 502, "BadGateway", "the replayed API server did not answer: " + err.getMessage());
      }
    });
  }

  private static final Set<String> HANDSHAKE = Set.of("sec-websocket-key", "sec-websocket-version",
      "sec-websocket-extensions", "sec-websocket-protocol", "content-length");

  /** Opens the same WebSocket to the server behind, then accepts the client's, and relays frames. */
  private void relayWebSocket(HttpServerRequest req) {
    req.pause();
    io.vertx.core.http.WebSocketConnectOptions to = new io.vertx.core.http.WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(backendPort).setSsl(true).setURI(req.uri());
    forwarded(req.headers()).forEach((name, value) -> {
      if (!HANDSHAKE.contains(name.toLowerCase(java.util.Locale.ROOT))) {
        to.addHeader(name, value);
      }
    });
    String protocols = req.getHeader("Sec-WebSocket-Protocol");
    if (protocols != null) {
      for (String p : protocols.split(",")) {
        if (!p.isBlank()) {
          to.addSubProtocol(p.trim());
        }
      }
    }
    webSockets.connect(to).onSuccess(back -> {
      // The server behind starts sending (a watch's catch-up) at once: hold its frames until the
      // client's side is there to take them, or the first ones would be dropped.
      back.pause();
      req.toWebSocket().onSuccess(front -> {
        back.frameHandler(front::writeFrame);
        front.frameHandler(back::writeFrame);
        back.closeHandler(v -> front.close());
        front.closeHandler(v -> back.close());
        back.exceptionHandler(e -> front.close());
        front.exceptionHandler(e -> back.close());
        back.resume();
      }).onFailure(e -> back.close());
    }).onFailure(err -> {
      int code = err instanceof io.vertx.core.http.UpgradeRejectedException r ? r.getStatus() : 502;
      status(req, code, code == 502 ? "BadGateway" : "Failure",
          "the replayed API server refused the WebSocket: " + err.getMessage());
    });
  }

  private static MultiMap forwarded(MultiMap headers) {
    MultiMap out = MultiMap.caseInsensitiveMultiMap();
    headers.forEach((name, value) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
        out.add(name, value);
      }
    });
    return out;
  }

  private void refuse(HttpServerRequest req) {
    status(req, 405, "MethodNotAllowed", "this is a read-only replay of the log at resourceVersion "
        + resourceVersion + ": " + req.method() + " is not allowed");
  }

  private static void status(HttpServerRequest req, int code, String reason, String message) {
    JsonObject status = new JsonObject().put("kind", "Status").put("apiVersion", "v1")
        .put("metadata", new JsonObject()).put("status", "Failure").put("message", message).put("reason", reason)
        .put("code", code);
    req.response().setStatusCode(code).putHeader("Content-Type", "application/json").end(status.encode());
  }
}
