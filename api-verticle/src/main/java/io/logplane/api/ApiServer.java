package io.logplane.api;

import io.logplane.api.auth.Authenticator;
import io.logplane.api.auth.Pki;
import io.logplane.api.auth.Tokens;
import io.logplane.api.http.ApiException;
import io.logplane.api.http.Bodies;
import io.logplane.api.resources.Registry;
import io.logplane.projections.StateMachine;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;

/**
 * The API server verticle: HTTPS with HTTP/2 (ALPN) and HTTP/1.1 for upgrades, client
 * certificates requested (not required), every route behind one dispatcher.
 */
public final class ApiServer extends VerticleBase {

  /** Where and how to listen. */
  public record Config(String host, int port, Pki pki, Tokens tokens) {}

  private final ApiContext api;
  private final Config config;
  private final StateMachine machine;
  private HttpServer server;

  public ApiServer(ApiContext api, StateMachine machine, Config config) {
    this.api = api;
    this.machine = machine;
    this.config = config;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.host()).setPort(config.port())
        .setSsl(true).setUseAlpn(true)
        .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
        .setKeyCertOptions(new PemKeyCertOptions()
            .setCertValue(Buffer.buffer(config.pki().serverCertPem()))
            .setKeyValue(Buffer.buffer(config.pki().serverKeyPem())))
        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(config.pki().caPem())))
        .setClientAuth(ClientAuth.REQUEST)
        .setCompressionSupported(true)
        // "*" echoes the first offered subprotocol, as kube's watch does; the bearer-token
        // subprotocol is removed from the request before the handshake (see Dispatcher).
        .setWebSocketSubProtocols(List.of("*"))
        .setMaxWebSocketFrameSize(16 * 1024 * 1024)
        .setMaxWebSocketMessageSize(16 * 1024 * 1024);
    options.getInitialSettings().setMaxConcurrentStreams(1000);
    return OpenApiRoutes.buildAsync(vertx, api.registry()).compose(docs -> listen(options, docs));
  }

  private Future<HttpServer> listen(HttpServerOptions options, io.logplane.api.openapi.OpenApi docs) {
    Router router = Router.router(vertx);
    Dispatcher dispatcher = new Dispatcher(api, machine, new Authenticator(config.tokens(), config.pki().ca()),
        "127.0.0.1:" + config.port(), docs);
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(Bodies.MAX_BYTES);
    // A WebSocket handshake has no body to read, and reading its empty one (Java's HttpClient
    // sends Content-Length: 0) would end the request before the watch can upgrade it.
    router.route().handler(ctx -> {
      if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
        ctx.next();
      } else {
        bodies.handle(ctx);
      }
    });
    router.route().handler(dispatcher);
    router.route().failureHandler(ctx -> {
      ApiException e = ctx.statusCode() == 413
          ? ApiException.of(413, "RequestEntityTooLarge", "the request body is too large: limit is 3145728 bytes")
          : ctx.failure() instanceof ApiException a ? a
          : ApiException.of(ctx.statusCode() > 0 ? ctx.statusCode() : 500, "InternalError",
              "Internal error occurred: " + ctx.failure());
      if (!ctx.response().ended()) {
        ctx.response().setStatusCode(e.code()).putHeader("Content-Type", "application/json")
            .end(io.logplane.projections.Json.MAPPER.valueToTree(e.status()).toString());
      }
    });
    return vertx.createHttpServer(options).requestHandler(router).listen().onSuccess(s -> server = s);
  }

  /** The port the server listens on (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  /** The registry this server serves; CRDs update it. */
  public Registry registry() {
    return api.registry();
  }
}
