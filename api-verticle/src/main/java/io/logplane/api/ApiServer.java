package io.logplane.api;

import io.logplane.api.auth.Authenticator;
import io.logplane.api.keys.SecretResealer;
import io.logplane.api.http.RequestLimits;
import io.logplane.api.rbac.RbacAuthorizer;
import io.logplane.projections.informers.Informers;
import io.logplane.projections.policy.AdmissionPolicies;
import io.logplane.api.auth.BootstrapTokenAuthenticator;
import io.logplane.api.auth.Pki;
import io.logplane.api.auth.ServiceAccountAuthenticator;
import io.logplane.api.auth.ServiceAccountKey;
import io.logplane.api.auth.ServiceAccountTokens;
import io.logplane.api.auth.Tokens;
import io.logplane.api.http.ApiException;
import io.logplane.api.http.BodyDeadline;
import io.logplane.api.http.Bodies;
import io.logplane.api.monitoring.ServerMetrics;
import io.logplane.api.resources.Registry;
import io.logplane.projections.StateMachine;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.TrustOptions;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;

/**
 * The API server verticle: HTTPS with HTTP/2 (ALPN) and HTTP/1.1 for upgrades, client
 * certificates requested (not required), every route behind one dispatcher.
 */
public final class ApiServer extends VerticleBase {

  /**
   * Where and how to listen, and the credentials: the PKI, the static tokens and the key
   * service-account tokens are signed with.
   */
  public record Config(String host, int port, Pki pki, Tokens tokens, ServiceAccountKey serviceAccountKey,
      RequestLimits limits) {

    /** A server with kube-apiserver's default in-flight bounds. */
    public Config(String host, int port, Pki pki, Tokens tokens, ServiceAccountKey serviceAccountKey) {
      this(host, port, pki, tokens, serviceAccountKey, RequestLimits.DEFAULT);
    }

    /** A server whose service-account tokens are signed with a key kept in memory only. */
    public Config(String host, int port, Pki pki, Tokens tokens) {
      this(host, port, pki, tokens, ServiceAccountKey.ephemeral());
    }
  }

  private final ApiContext api;
  private final Config config;
  private final StateMachine machine;
  private final ServerMetrics metrics;
  private HttpServer server;
  /** The authorizer's caches of the RBAC objects, following the projection. */
  private Informers informers;
  /** Re-seals the stored Secrets after a key rotation. */
  private SecretResealer resealer;
  /** What was built ahead of the start, or null. */
  private Prepared prepared;

  /** A server whose metrics know of no changelog. */
  public ApiServer(ApiContext api, StateMachine machine, Config config) {
    this(api, machine, config, new ServerMetrics(api));
  }

  /** A server serving these metrics at {@code /metrics} and recording its requests into them. */
  public ApiServer(ApiContext api, StateMachine machine, Config config, ServerMetrics metrics) {
    this.api = api;
    this.machine = machine;
    this.config = config;
    this.metrics = metrics;
  }

  /**
   * What a server builds before it listens, started ahead on a Vert.x's workers (a server's
   * embedded broker starts meanwhile): the built-in types' OpenAPI documents (every write checks
   * its body against them), the TLS key material, and whether TLS's native engine loads. Only the
   * built-in types are documented here; the custom ones follow the registry the server is given.
   */
  public record Prepared(Future<io.logplane.api.openapi.OpenApi> docs, Future<KeyCertOptions> keys,
      Future<Boolean> openSsl) {}

  /**
   * Starts building what a server of this PKI and registry needs before it listens, on {@code
   * vertx}'s workers.
   */
  public static Prepared prepare(Vertx vertx, Pki pki, Registry registry) {
    return new Prepared(OpenApiRoutes.buildAsync(vertx, registry),
        vertx.executeBlocking(() -> KeyCertOptions.wrap(pki.serverKeyManager()), false),
        vertx.executeBlocking(OpenSSLEngineOptions::isAvailable, false));
  }

  /** Listens with what was {@link #prepare prepared} (on this server's Vert.x) instead of building it. */
  public ApiServer prepared(Prepared prepared) {
    this.prepared = prepared;
    return this;
  }

  @Override
  public Future<?> start() {
    Prepared ahead = prepared != null ? prepared : prepare(vertx, config.pki(), api.registry());
    return Future.all(ahead.docs(), ahead.keys(), ahead.openSsl())
        .compose(ready -> listen(options(ahead.keys().result(), ahead.openSsl().result()), ahead.docs().result()));
  }

  private HttpServerOptions options(KeyCertOptions keys, boolean openSsl) {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.host()).setPort(config.port())
        .setSsl(true).setUseAlpn(true)
        .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
        .setKeyCertOptions(keys)
        .setTrustOptions(TrustOptions.wrap(new AnyClientCertificate(config.pki().ca())))
        .setClientAuth(ClientAuth.REQUEST)
        .setCompressionSupported(true)
        // "*" echoes the first offered subprotocol, as kube's watch does; the bearer-token
        // subprotocol is removed from the request before the handshake (see Dispatcher).
        .setWebSocketSubProtocols(List.of("*"))
        .setMaxWebSocketFrameSize(16 * 1024 * 1024)
        .setMaxWebSocketMessageSize(16 * 1024 * 1024)
        // kube-apiserver reads a request line and headers of up to 1 MiB (Go's DefaultMaxHeaderBytes):
        // a list with a long selector or thousands of query parameters is a request it serves
        .setMaxInitialLineLength(1 << 20)
        .setMaxHeaderSize(1 << 20);
    options.getInitialSettings().setMaxConcurrentStreams(1000).setMaxHeaderListSize(1 << 20);
    if (openSsl) {
      // BoringSSL through netty-tcnative: TLS at a fraction of the JDK engine's CPU.
      options.setSslEngineOptions(new OpenSSLEngineOptions());
    }
    return options;
  }

  /**
   * API Priority and Fairness over the server's seats, kube's {@code max-requests-inflight} and
   * {@code max-mutating-requests-inflight} together; none when the bounds are off.
   */
  private io.logplane.api.flowcontrol.FlowControlFilter flowControl(io.logplane.api.http.RequestLimits limits) {
    int seats = limits.maxReadOnly() + limits.maxMutating();
    if (limits.maxReadOnly() == 0 || limits.maxMutating() == 0) {
      return null;
    }
    io.logplane.api.flowcontrol.FlowControlFilter filter = new io.logplane.api.flowcontrol.FlowControlFilter(vertx,
        informers, seats,
        new io.logplane.projections.ProposalWriter(api.proposals(), "system:apiserver", java.time.Clock.systemUTC()));
    metrics.flowControl(filter);
    return filter;
  }

  /** A Secret of the local state by key, its values unsealed (a bootstrap token's). */
  private com.fasterxml.jackson.databind.JsonNode unsealedSecret(String key) {
    byte[] bytes = api.projection().store().get(key);
    if (bytes == null) {
      return null;
    }
    com.fasterxml.jackson.databind.node.ObjectNode secret = io.logplane.projections.Json.object(bytes);
    api.cipher().unseal(secret);
    return secret;
  }

  private Future<HttpServer> listen(HttpServerOptions options, io.logplane.api.openapi.OpenApi docs) {
    Router router = Router.router(vertx);
    informers = Informers.over(api.projection());
    resealer = new SecretResealer(api.projection(), api.log(), api.cipher(),
        new io.logplane.projections.ProposalWriter(api.proposals(), SecretResealer.USER, java.time.Clock.systemUTC()),
        java.time.Clock.systemUTC());
    resealer.start();
    // as kube-apiserver's --authorization-mode=Node,RBAC
    io.logplane.api.auth.Authorizer authorizer = new io.logplane.api.rbac.NodeAuthorizer(new RbacAuthorizer(informers),
        informers, key -> {
          byte[] stored = api.projection().store().get(key);
          return stored == null ? null : io.logplane.projections.Json.object(stored);
        });
    ServiceAccountTokens saTokens = new ServiceAccountTokens(config.serviceAccountKey());
    // Tokens are checked against the local state, as kube checks them against its informers' caches:
    // the store holds ServiceAccounts parsed in memory, and a controller's every request reads its own.
    ServiceAccountAuthenticator serviceAccounts = new ServiceAccountAuthenticator(saTokens,
        api.projection().store()::tree);
    Dispatcher dispatcher = new Dispatcher(api, machine,
        new Authenticator(config.tokens(), config.pki().ca(), serviceAccounts,
            new BootstrapTokenAuthenticator(this::unsealedSecret, java.time.Clock.systemUTC())),
        "127.0.0.1:" + config.port(), docs,
        metrics, saTokens, config.limits(), authorizer,
        new AdmissionPolicies(informers, api.projection().store(), api.registry()::location),
        new io.logplane.api.keys.KeyRoutes(resealer), flowControl(config.limits()));
    BodyDeadline bodies = new BodyDeadline(vertx, BodyHandler.create(false).setBodyLimit(Bodies.MAX_BYTES),
        config.limits().timeoutMillis());
    // A WebSocket handshake has no body, but some clients (the JDK's) send Content-Length: 0;
    // reading that "body" ends the request, and an ended request can no longer be upgraded.
    // The same holds for the SPDY upgrades of exec and port-forward.
    router.route().handler(ctx -> {
      if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))
          || io.logplane.api.nodeproxy.UpgradeProxy.isUpgrade(ctx.request())) {
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
    return vertx.createHttpServer(options).connectionHandler(c -> {
          io.logplane.api.http.FlushBatching.install(c);
          io.logplane.http2.StreamWritability.install(c);
        })
        .requestHandler(router).listen().onSuccess(s -> server = s);
  }

  /**
   * Lets any client certificate through the TLS handshake, as kube-apiserver does: the
   * {@link Authenticator} validates the chain against the CA per request, so an unknown
   * certificate is a 401 (or loses to a valid token) instead of a failed handshake. The CA is
   * still advertised so that clients holding several certificates pick the right one.
   */
  private record AnyClientCertificate(X509Certificate ca) implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      // validated by the Authenticator
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws
        java.security.cert.CertificateException {
      throw new java.security.cert.CertificateException("the API server trusts no server certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[] {ca};
    }
  }

  @Override
  public Future<?> stop() {
    metrics.close();
    if (resealer != null) {
      resealer.close();
    }
    if (informers != null) {
      informers.close();
    }
    return Future.succeededFuture();
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
