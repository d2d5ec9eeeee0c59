package io.logplane.api;

import io.logplane.api.auth.Authenticator;
import io.logplane.api.flowcontrol.FlowControlFilter;
import io.logplane.api.flowcontrol.RequestDigest;
import io.logplane.api.http.RequestDeadline;
import io.logplane.api.http.RequestLimits;
import io.logplane.api.keys.KeyRoutes;
import io.logplane.api.auth.Authorizer;
import io.logplane.api.rbac.RequestAttributes;
import io.logplane.api.auth.Impersonation;
import io.logplane.api.auth.IssuerDiscovery;
import io.logplane.api.auth.ServiceAccountTokens;
import io.logplane.api.auth.User;
import io.logplane.api.discovery.Discovery;
import io.logplane.api.history.HistoryRoutes;
import io.logplane.api.history.HistoryTypes;
import io.logplane.api.metrics.MetricsRoutes;
import io.logplane.api.metrics.MetricsTypes;
import io.logplane.api.monitoring.MetricsEndpoint;
import io.logplane.api.monitoring.RequestLabels;
import io.logplane.api.monitoring.RequestMeters;
import io.logplane.api.monitoring.ServerMetrics;
import io.logplane.api.http.ApiException;
import io.logplane.api.http.RequestInfo;
import io.logplane.api.openapi.OpenApi;
import io.logplane.api.resources.ResourceType;
import io.logplane.api.rest.Call;
import io.logplane.api.rest.Resources;
import io.logplane.projections.Json;
import io.logplane.projections.StateMachine;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The one entry point of every request: health and version (no credentials needed),
 * authentication, then discovery, OpenAPI, the service-account issuer's discovery, the server's
 * metrics (to the admin) or (impersonation
 * refused) a resource URL, whose requests are recorded in the request metrics.
 */
final class Dispatcher implements Handler<RoutingContext> {

  private final ApiContext api;
  private final Authenticator authenticator;
  private final RequestLimits limits;
  private final Discovery discovery;
  private final Resources resources;
  private final OpenApiRoutes openapi;
  private final HistoryRoutes history;
  private final MetricsRoutes metrics;
  private final ServerMetrics monitoring;
  private final String serverAddress;
  private final IssuerDiscovery issuer;
  private final Authorizer authorizer;
  private final KeyRoutes keys;
  private final Health health;
  /** API Priority and Fairness; null when the in-flight bounds are off (0). */
  private final FlowControlFilter flowControl;

  Dispatcher(ApiContext api, StateMachine machine, Authenticator authenticator, String serverAddress,
      OpenApi docs, ServerMetrics monitoring, ServiceAccountTokens tokens, RequestLimits limits, Authorizer authorizer,
      io.logplane.projections.policy.AdmissionPolicies policies, KeyRoutes keys, FlowControlFilter flowControl) {
    this.authorizer = authorizer;
    this.flowControl = flowControl;
    this.keys = keys;
    this.limits = limits;
    this.monitoring = monitoring;
    this.api = api;
    this.authenticator = authenticator;
    this.discovery = new Discovery(api.registry(), java.util.stream.Stream.concat(HistoryTypes.all().stream(),
        MetricsTypes.all().stream()).toList(), HistoryTypes.VERBS);
    this.metrics = new MetricsRoutes(api);
    this.history = new HistoryRoutes(api);
    this.openapi = new OpenApiRoutes(api.vertx(), api.registry(), docs);
    this.resources = new Resources(api, machine, new io.logplane.api.rest.Schemas(openapi::document),
        monitoring.watchEvents(), tokens, authenticator, authorizer, policies);
    this.serverAddress = serverAddress;
    this.issuer = new IssuerDiscovery(tokens);
    this.health = new Health(api);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.request().path();
    try {
      if (Health.handles(path)) {
        health.handle(ctx);
        return;
      }
      switch (path) {
        case "/version", "/version/" -> {
          json(ctx, Version.json());
          return;
        }
        default -> { }
      }
      // The web UI's files hold no data: the page fetches everything with the user's token.
      if (io.logplane.api.ui.UiAssets.handles(path)) {
        io.logplane.api.ui.UiAssets.shared().serve(ctx, path);
        return;
      }
      Optional<User> user = authenticate(ctx);
      if (user.isEmpty()) {
        throw ApiException.of(401, "Unauthorized", "Unauthorized");
      }
      route(ctx, path, user.get());
    } catch (ApiException e) {
      send(ctx, e);
    }
  }

  private Optional<User> authenticate(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    // A valid token decides first; only without one is the client certificate looked at (asking
    // the TLS session for a certificate the client did not send costs an exception).
    Optional<User> user = authenticator.authenticate(authorization, null);
    if (user.isEmpty() && ctx.request().isSSL()) {
      List<Certificate> chain;
      try {
        chain = ctx.request().connection().peerCertificates();
      } catch (Exception e) {
        chain = null;
      }
      user = authenticator.authenticate(authorization, chain);
    }
    String upgrade = ctx.request().getHeader("Upgrade");
    return upgrade != null && upgrade.equalsIgnoreCase("websocket") ? webSocket(ctx, user) : user;
  }

  /**
   * Kube's WebSocket protocol authenticator, for browsers (which cannot set headers on a
   * WebSocket): the token rides in a bearer subprotocol, which is removed from the request once
   * accepted so that the handshake echoes one of the other offered subprotocols, never the token.
   */
  private Optional<User> webSocket(RoutingContext ctx, Optional<User> user) {
    List<String> offered = ctx.request().headers().getAll("Sec-WebSocket-Protocol");
    io.logplane.api.auth.WebSocketBearer bearer;
    try {
      bearer = offered.isEmpty() ? null : io.logplane.api.auth.WebSocketBearer.parse(offered);
    } catch (io.logplane.api.auth.WebSocketBearer.Invalid e) {
      return user;
    }
    if (bearer == null || bearer.token() == null) {
      return user;
    }
    Optional<User> byProtocol = user.isPresent() ? user : authenticator.authenticateToken(bearer.token());
    if (byProtocol.isPresent()) {
      ctx.request().headers().set("Sec-WebSocket-Protocol", String.join(",", bearer.others()));
    }
    return byProtocol;
  }

  private void route(RoutingContext ctx, String path, User user) {
    // Decoded here once for every URL, so that no query a client got wrong reaches a handler.
    io.logplane.api.http.Query.of(ctx);
    String accept = ctx.request().getHeader("Accept");
    // kube serves the roots with a trailing slash too (the Python client asks for /api/ and /apis/)
    String root = path.equals("/api/") || path.equals("/apis/") ? path.substring(0, path.length() - 1) : path;
    boolean acting = path.equals("/metrics") || KeyRoutes.serves(path);
    if (RequestInfo.parse(path) == null && !acting) {
      // discovery, OpenAPI: paths, allowed to every authenticated user by system:discovery
      authorize(user, RequestAttributes.ofPath(ctx.request().method().name(), path));
    }
    if (root.equals("/api") || root.equals("/apis")) {
      String aggregated = Discovery.negotiate(accept);
      boolean core = root.equals("/api");
      if (aggregated != null) {
        ctx.response().putHeader("Vary", "Accept").putHeader("Content-Type", aggregated)
            .end(Buffer.buffer(Json.bytes(discovery.aggregated(core, aggregated))));
      } else {
        json(ctx, Json.bytes(core ? discovery.apiVersions(serverAddress) : discovery.apiGroupList()));
      }
      return;
    }
    if (IssuerDiscovery.serves(path)) {
      boolean jwks = path.equals(IssuerDiscovery.JWKS_PATH);
      ctx.response().putHeader("Cache-Control", IssuerDiscovery.CACHE_CONTROL)
          .putHeader("Content-Type", jwks ? IssuerDiscovery.JWKS_TYPE : IssuerDiscovery.CONFIGURATION_TYPE)
          .end(Buffer.buffer(jwks ? issuer.jwks()
              : issuer.configuration("127.0.0.1:" + ctx.request().connection().localAddress().port())));
      return;
    }
    if (path.startsWith("/openapi/")) {
      openapi.handle(ctx, path);
      return;
    }
    String[] parts = RequestInfo.segments(path);
    if (parts.length == 2 && parts[0].equals("apis")) {
      var group = discovery.apiGroup(parts[1]);
      if (group == null) {
        throw ApiException.notFound("the server could not find the requested resource");
      }
      json(ctx, Json.bytes(group));
      return;
    }
    if ((parts.length == 2 && parts[0].equals("api")) || (parts.length == 3 && parts[0].equals("apis"))) {
      var list = parts[0].equals("api") ? discovery.resourceList("", parts[1])
          : discovery.resourceList(parts[1], parts[2]);
      if (list == null) {
        throw ApiException.notFound("the server could not find the requested resource");
      }
      json(ctx, Json.bytes(list));
      return;
    }
    // Discovery and OpenAPI above are the same for every caller, and client-go's discovery
    // reads no reason from a refusal ("unknown"): impersonated from here on, where a request
    // acts as someone, so that a refusal of kubectl --as shows why.
    user = Impersonation.impersonate(ctx.request().headers(), user, authorizer);
    if (acting) {
      // /metrics (system:monitoring) and the Secret keys (cluster-admin): as whom the request acts
      authorize(user, RequestAttributes.ofPath(ctx.request().method().name(), path));
      if (path.equals("/metrics")) {
        MetricsEndpoint.serve(ctx, monitoring);
      } else {
        keys.handle(ctx, path, user);
      }
      return;
    }
    RequestInfo info = RequestInfo.parse(path);
    if (info == null) {
      throw ApiException.notFound("the server could not find the requested resource");
    }
    boolean own = HistoryRoutes.serves(info) || MetricsRoutes.serves(info);
    Optional<ResourceType> type = own ? Optional.empty()
        : api.registry().find(info.group(), info.version(), info.resource());
    // after the in-flight bound, as kube's filters run: a refusal holds a seat too
    Authorizer.Attributes asked = RequestAttributes.of(ctx.request().method().name(), info,
        io.logplane.api.http.Query.of(ctx));
    User as = user;
    Runnable serve = () -> serve(ctx, info, type, own, as, asked);
    if (!own && type.isEmpty()) {
      serve.run(); // a 404
      return;
    }
    // as kube 1.28 warns of every request to an API version it will remove
    type.flatMap(io.logplane.api.resources.Deprecations::warning)
        .ifPresent(w -> ctx.response().headers().add("Warning", w));
    // counted first, so that a refusal is counted too (code 429)
    RequestLabels labels = track(ctx, info);
    boolean masters = user.groups().contains(User.MASTERS);
    if (labels.longRunning()) {
      Runnable release = labels.verb().equals("WATCH") ? limits.admitWatch(user.name(), masters) : () -> { };
      ctx.addEndHandler(done -> release.run());
      serve.run();
      return;
    }
    RequestDeadline.arm(ctx, RequestDeadline.millis(io.logplane.api.http.Query.of(ctx).get("timeout"),
        limits.timeoutMillis()));
    if (flowControl != null && flowControl.configured()) {
      flowControl.admit(ctx, RequestDigest.resource(user.name(), user.groups(), asked.verb(), info.group(),
          info.resource(), info.subresource(), info.namespace()), serve);
      return;
    }
    Runnable release = limits.admit(labels.readOnly(), false, masters);
    ctx.addEndHandler(done -> release.run());
    serve.run();
  }

  /** Serves a request that holds its seat, if it needed one. */
  private void serve(RoutingContext ctx, RequestInfo info, Optional<ResourceType> type, boolean own, User user,
      Authorizer.Attributes asked) {
    try {
      if (own) {
        authorize(user, asked);
      }
      if (HistoryRoutes.serves(info)) {
        history.handle(ctx, info, user);
        return;
      }
      Buffer body = ctx.body() == null ? null : ctx.body().buffer();
      if (MetricsRoutes.serves(info)) {
        metrics.handle(ctx, info, user, body == null ? new byte[0] : body.getBytes());
        return;
      }
      Call call = Call.of(ctx, info, type.orElseThrow(
          () -> ApiException.notFound("the server could not find the requested resource")), user);
      try {
        info.requireValidName();
        resources.handle(call, body == null ? new byte[0] : body.getBytes(), asked);
      } catch (RuntimeException e) {
        call.fail(e);
      }
    } catch (ApiException e) {
      send(ctx, e);
    }
  }

  /** @throws ApiException kube's 403 when the authorizer refuses the request */
  private void authorize(User user, Authorizer.Attributes attributes) {
    Authorizer.Decision d = authorizer.authorize(user, attributes);
    if (!d.allowed()) {
      throw RequestAttributes.forbidden(user, attributes, d.reason());
    }
  }

  /**
   * Records a request of a served resource in the request metrics when its response ends (or
   * its connection closes: a watch is counted when it ends, as kube counts it).
   */
  private RequestLabels track(RoutingContext ctx, RequestInfo info) {
    io.logplane.api.http.Query q = io.logplane.api.http.Query.of(ctx);
    RequestLabels labels = RequestLabels.of(ctx.request().method().name(), info, q.get("watch"),
        ctx.request().getHeader("Content-Type"), q.getAll("dryRun"));
    RequestMeters meters = monitoring.requests();
    long start = System.nanoTime();
    meters.started(labels);
    ctx.addEndHandler(done -> meters.ended(labels, ctx.response().getStatusCode(), System.nanoTime() - start));
    return labels;
  }

  private static void json(RoutingContext ctx, byte[] body) {
    ctx.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(body));
  }

  private static void send(RoutingContext ctx, ApiException e) {
    if (!ctx.response().ended()) {
      if (e.retryAfterSeconds() > 0) {
        ctx.response().putHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
      }
      ctx.response().setStatusCode(e.code()).putHeader("Content-Type", "application/json")
          .end(Buffer.buffer(Json.bytes(e.status())));
    }
  }
}
