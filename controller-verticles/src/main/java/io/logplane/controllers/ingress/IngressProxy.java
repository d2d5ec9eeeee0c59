package io.logplane.controllers.ingress;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.informers.Informers;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.KeyCertOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The Ingress controller's data plane: an HTTP server (HTTP/1.1 and h2c) and an HTTPS one
 * (HTTP/2 by ALPN, the certificate by SNI) that route each request by the Ingresses served to
 * one ready endpoint of the backend Service, round robin, straight to its pod address. Reads the
 * shared informers; writes nothing (the {@link IngressStatusController} does).
 */
public final class IngressProxy extends VerticleBase {

  /**
   * Where to listen: a port below zero is not served, zero is any free one.
   *
   * @param unseal turns a stored Secret into one with its data (Secrets are sealed in the log)
   */
  public record Config(String host, int httpPort, int tlsPort, UnaryOperator<ObjectNode> unseal) {}

  private final Informers informers;
  private final Config config;
  private final AtomicLong next = new AtomicLong();
  private RouteCache routes;
  private Upstreams upstreams;
  private HttpForward http;
  private WebSocketRelay webSockets;
  private HttpServer plain;
  private HttpServer secure;

  public IngressProxy(Informers informers, Config config) {
    this.informers = informers;
    this.config = config;
  }

  @Override
  public Future<?> start() {
    routes = new RouteCache(informers);
    routes.start();
    upstreams = new Upstreams(informers);
    http = new HttpForward(vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
        .setIdleTimeout(60), new PoolOptions().setHttp1MaxSize(64)));
    webSockets = new WebSocketRelay(vertx.createWebSocketClient(new WebSocketClientOptions()));
    List<Future<HttpServer>> listening = new ArrayList<>();
    if (config.httpPort() >= 0) {
      plain = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(true))
          .connectionHandler(io.logplane.http2.StreamWritability::install).requestHandler(req -> handle(req, false));
      listening.add(plain.listen(config.httpPort(), config.host()));
    }
    if (config.tlsPort() >= 0) {
      Certificates certs = new Certificates(routes::current, informers.informer("core/secrets/"), config.unseal());
      secure = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setUseAlpn(true)
          .setKeyCertOptions(KeyCertOptions.wrap(certs)))
          .connectionHandler(io.logplane.http2.StreamWritability::install).requestHandler(req -> handle(req, true));
      listening.add(secure.listen(config.tlsPort(), config.host()));
    }
    return Future.all(listening);
  }

  @Override
  public Future<?> stop() {
    routes.stop();
    return Future.succeededFuture();
  }

  /** The HTTP port listened on (-1: none). */
  public int httpPort() {
    return plain == null ? -1 : plain.actualPort();
  }

  /** The HTTPS port listened on (-1: none). */
  public int tlsPort() {
    return secure == null ? -1 : secure.actualPort();
  }

  private void handle(HttpServerRequest req, boolean tls) {
    var authority = req.authority();
    Backend backend = routes.current().match(authority == null ? "" : authority.host(), req.uri());
    if (backend == null) {
      Answers.notFound(req);
      return;
    }
    List<Upstreams.Address> ready = upstreams.ready(backend);
    if (ready == null || ready.isEmpty()) {
      Answers.unavailable(req);
      return;
    }
    Upstreams.Address to = ready.get((int) Math.floorMod(next.getAndIncrement(), (long) ready.size()));
    if (WebSocketRelay.isUpgrade(req)) {
      webSockets.relay(req, to, tls);
    } else {
      http.forward(req, to, tls);
    }
  }
}
