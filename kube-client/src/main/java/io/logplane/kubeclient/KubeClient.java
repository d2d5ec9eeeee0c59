package io.logplane.kubeclient;

import io.logplane.kubeclient.internal.Connections;
import io.logplane.kubeclient.internal.LineSubscription;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import javax.net.ssl.X509KeyManager;

/**
 * A minimal Kubernetes REST client on the Vert.x (Netty) HTTP client, lean enough not to
 * take the CPU of the server it measures when both share a machine. Over TLS it speaks
 * HTTP/2, negotiated with ALPN, on one connection by default ({@code connections} spreads
 * streams over more, round-robin), as client-go does; plain {@code http://} servers are
 * spoken to in HTTP/1.1, one request per connection at a time, since kube-apiserver has no
 * h2c.
 *
 * <p>When a connection has as many streams open as the server allows (its
 * SETTINGS_MAX_CONCURRENT_STREAMS: 250 for kube-apiserver, 100 for a default Vert.x server),
 * another is opened, as Go's HTTP/2 transport does (see {@link Connections});
 * {@link #connectionsOpened()} tells how many were.
 *
 * <p>Callbacks of the asynchronous methods run on the client's event loop: they must not
 * block.
 */
public final class KubeClient implements AutoCloseable {
  /**
   * A finished request: the HTTP status, the body as it came (null where the caller asked to
   * skip the body of a success), and the protocol used ({@code HTTP/2} or {@code HTTP/1.1}).
   */
  public record Response(int status, Buffer raw, String protocol) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The body decoded as UTF-8 (decoded on each call), or null when it was skipped. */
    public String body() {
      return raw == null ? null : raw.toString(StandardCharsets.UTF_8);
    }
  }

  /** A request fixed but for its body: its method, path and headers are built once. */
  public static final class Prepared {
    private final RequestOptions options;
    private final boolean readSuccessBody;

    private Prepared(RequestOptions options, boolean readSuccessBody) {
      this.options = options;
      this.readSuccessBody = readSuccessBody;
    }
  }

  /** Extra HTTP/2 connections opened when all are full; beyond that streams wait. */
  private static final int MAX_EXTRA_CONNECTIONS = 64;
  /** HTTP/1.1 has a connection per request in flight: as many as needed, within reason. */
  private static final int MAX_HTTP1_CONNECTIONS = 1024;

  private final Vertx vertx;
  /** Where requests sent from other threads start (see {@link #onContext}). */
  private final io.vertx.core.Context context;
  private final HttpClientAgent agent;
  private final Connections connections;
  private final String protocol;
  private final String pathPrefix;
  private final MultiMap headers;
  private final MultiMap jsonHeaders;
  private final MultiMap patchHeaders;
  private final long timeoutMillis;

  /** @param userAgent the {@code User-Agent} of every request, naming the program that sends it */
  public KubeClient(KubeConfig config, String userAgent, int connections,
      Duration requestTimeout) {
    if (connections < 1) {
      throw new IllegalArgumentException("connections must be at least 1, was " + connections);
    }
    boolean tls = "https".equalsIgnoreCase(config.server().getScheme());
    HttpClientOptions options = clientOptions(config, tls);
    int port = config.server().getPort() >= 0 ? config.server().getPort() : tls ? 443 : 80;
    String host = config.server().getHost();
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1); // an IPv6 literal
    }
    this.vertx = Vertx.vertx(new VertxOptions()
        .setEventLoopPoolSize(Math.min(connections, Runtime.getRuntime().availableProcessors()))
        .setWorkerPoolSize(1).setInternalBlockingPoolSize(1).setUseDaemonThread(true));
    // Connections are opened and chosen by Connections, not by the agent's pool.
    this.agent = vertx.httpClientBuilder().with(options).build();
    this.context = vertx.getOrCreateContext();
    this.connections = new Connections(agent, new HttpConnectOptions()
        .setHost(host).setPort(port).setSsl(tls)
        .setProtocolVersion(options.getProtocolVersion()),
        connections, tls ? connections + MAX_EXTRA_CONNECTIONS : MAX_HTTP1_CONNECTIONS,
        tls ? 100 : 1);
    this.protocol = tls ? "HTTP/2" : "HTTP/1.1";
    // A server URL may have a path (an API server behind a proxy): every request is under it.
    this.pathPrefix = config.server().getRawPath() == null ? "" : config.server().getRawPath();
    this.headers = HttpHeaders.headers()
        .add(HttpHeaders.ACCEPT, "application/json")
        .add(HttpHeaders.USER_AGENT, userAgent);
    if (config.authorization() != null) {
      headers.add(HttpHeaders.AUTHORIZATION, config.authorization());
    }
    this.jsonHeaders = HttpHeaders.headers().addAll(headers)
        .add(HttpHeaders.CONTENT_TYPE, "application/json");
    // A PATCH's body is what changes, merged as client-go merges it: lists by their keys.
    this.patchHeaders = HttpHeaders.headers().addAll(headers)
        .add(HttpHeaders.CONTENT_TYPE, "application/strategic-merge-patch+json");
    this.timeoutMillis = requestTimeout.toMillis();
  }

  private static HttpClientOptions clientOptions(KubeConfig config, boolean tls) {
    HttpClientOptions o = new HttpClientOptions().setConnectTimeout(10_000)
        .setTcpNoDelay(true).setKeepAlive(true).setPipelining(false)
        .setProtocolVersion(tls ? HttpVersion.HTTP_2 : HttpVersion.HTTP_1_1);
    if (!tls) {
      return o;
    }
    // Go's HTTP/2 transport flow-control windows (4 MiB a stream, 1 GiB a connection): with
    // Vert.x's 64 KiB, a large list or a hundred busy watches would wait for window updates.
    o.setInitialSettings(new Http2Settings().setInitialWindowSize(4 << 20))
        .setHttp2ConnectionWindowSize(1 << 30);
    o.setSsl(true).setUseAlpn(true).setVerifyHost(!config.insecure());
    if (OpenSSLEngineOptions.isAvailable()) {
      // BoringSSL (netty-tcnative, which the server uses too): TLS in the JDK's engine made a
      // client take much of the CPU a server on the same machine needs.
      o.setSslEngineOptions(new OpenSSLEngineOptions());
    }
    if (config.insecure()) {
      o.setTrustAll(true);
    } else if (config.caPem() != null) {
      o.setTrustOptions(TrustOptions.wrap(Tls.trustManager(config.caPem())));
    }
    try {
      X509KeyManager key = Tls.keyManager(config);
      if (key != null) {
        o.setKeyCertOptions(KeyCertOptions.wrap(key));
      }
    } catch (GeneralSecurityException e) {
      throw new KubeConfigException("cannot use the client certificate: " + e.getMessage(), e);
    }
    return o;
  }

  /**
   * Prepares a request to send many times with {@link #send(Prepared, Buffer)}.
   *
   * @param readSuccessBody whether the body of a 2xx answer is wanted; when not, it is
   *     discarded unread (the body of an error is always read, for its message)
   */
  public Prepared prepare(String method, String path, boolean hasBody, boolean readSuccessBody) {
    return new Prepared(options(method, path, hasBody, timeoutMillis), readSuccessBody);
  }

  /** Sends a prepared request; the future fails on transport errors only. */
  public Future<Response> send(Prepared request, Buffer body) {
    if (Vertx.currentContext() == null) {
      return onContext(() -> send(request, body));
    }
    Connections.Conn conn = connections.acquire();
    HttpClientConnection c = conn.connection.result();
    Future<Response> answer = c != null
        ? exchange(c, request, body)
        : conn.connection.compose(open -> exchange(open, request, body));
    return answer.andThen(ar -> conn.release());
  }

  private Future<Response> exchange(HttpClientConnection c, Prepared request, Buffer body) {
    return c.request(request.options)
        .compose(req -> body == null ? req.send() : req.send(body))
        .compose(res -> read(res, request.readSuccessBody));
  }

  private Future<Response> read(HttpClientResponse res, boolean readSuccessBody) {
    int status = res.statusCode();
    if (!readSuccessBody && status >= 200 && status < 300) {
      return res.end().map(v -> new Response(status, null, protocol));
    }
    return res.body().map(b -> new Response(status, b, protocol));
  }

  /** Sends and waits. Transport failures are thrown; HTTP errors are returned as status. */
  public Response send(String method, String path, String json)
      throws IOException, InterruptedException {
    try {
      return sendAsync(method, path, json).get();
    } catch (ExecutionException e) {
      throw new IOException(describe(e.getCause()), e.getCause());
    }
  }

  /** The failure and, when it has one, its root cause (what a TLS handshake failure hides). */
  private static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = t.getClass().getSimpleName() + ": " + t.getMessage();
    return root == t ? text
        : text + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
  }

  /** Sends without blocking; the future fails on transport errors only. */
  public CompletableFuture<Response> sendAsync(String method, String path, String json) {
    return sendAsync(method, path, json, java.util.Map.of());
  }

  /**
   * As {@link #sendAsync(String, String, String)}, with headers added to this client's (such as
   * {@code Impersonate-User}: a request on behalf of someone the client's user may act as).
   */
  public CompletableFuture<Response> sendAsync(String method, String path, String json,
      java.util.Map<String, String> extraHeaders) {
    Prepared request = prepare(method, path, json != null, true);
    if (!extraHeaders.isEmpty()) {
      // a copy: the prepared options share this client's headers
      MultiMap all = HttpHeaders.headers().addAll(request.options.getHeaders());
      extraHeaders.forEach(all::add);
      request.options.setHeaders(all);
    }
    return send(request, json == null ? null : Buffer.buffer(json, "UTF-8"))
        .toCompletionStage().toCompletableFuture();
  }

  /**
   * GETs {@code path} asking for {@code accept} (a discovery document, a Table) and waits.
   * Transport failures are thrown; HTTP errors are returned as status.
   */
  public Response get(String path, String accept) throws IOException, InterruptedException {
    RequestOptions o = options("GET", path, false, timeoutMillis);
    o.setHeaders(HttpHeaders.headers().addAll(headers).set(HttpHeaders.ACCEPT, accept));
    try {
      return send(new Prepared(o, true), null).toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw new IOException(describe(e.getCause()), e.getCause());
    }
  }

  /**
   * Opens a long-running GET (a watch) whose body is fed line by line to {@code lines}. The
   * returned future completes with the HTTP status as soon as the response headers arrive
   * (the body of a non-200 answer still reaches {@code lines}), or fails if the request
   * cannot be sent. The stream ends when the server closes it or {@code lines} cancels its
   * subscription.
   */
  public CompletableFuture<Integer> stream(String path, Flow.Subscriber<String> lines) {
    CompletableFuture<Integer> headersArrived = new CompletableFuture<>();
    if (Vertx.currentContext() == null) {
      onContext(() -> Future.fromCompletionStage(stream(path, lines)))
          .onComplete(ar -> {
            if (ar.succeeded()) {
              headersArrived.complete(ar.result());
            } else {
              headersArrived.completeExceptionally(ar.cause());
            }
          });
      return headersArrived;
    }
    Connections.Conn conn = connections.acquire();
    conn.connection
        .compose(c -> c.request(options("GET", path, false, 0)))
        .compose(req -> req.send().map(res -> {
          headersArrived.complete(res.statusCode());
          new LineSubscription(req, res, lines, conn::release).start();
          return res;
        }))
        .onFailure(e -> {
          conn.release();
          headersArrived.completeExceptionally(e);
        });
    return headersArrived;
  }

  /**
   * Runs {@code exchange} on the client's context. A request sent from a thread of the caller's
   * own can see its response future complete on the event loop before the caller attaches the
   * stage that reads the body; that stage then runs on the caller's thread, after the event loop
   * has handled body data nobody was reading (a list came back empty about once in a few hundred
   * requests). Started on a context, every stage runs on it in order.
   */
  private <T> Future<T> onContext(java.util.function.Supplier<Future<T>> exchange) {
    io.vertx.core.Promise<T> done = io.vertx.core.Promise.promise();
    context.runOnContext(v -> exchange.get().onComplete(done));
    return done.future();
  }

  /** Connections opened so far: the configured ones plus any spill-over or reopened. */
  public int connectionsOpened() {
    return connections.opened();
  }

  /** {@code HTTP/2} over TLS, {@code HTTP/1.1} for plain http. */
  public String protocol() {
    return protocol;
  }

  @Override
  public void close() {
    vertx.close().await();
  }

  private RequestOptions options(String method, String path, boolean hasBody, long timeout) {
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.valueOf(method))
        .setURI(pathPrefix + path)
        .setHeaders(!hasBody ? headers : method.equals("PATCH") ? patchHeaders : jsonHeaders);
    if (timeout > 0) {
      o.setIdleTimeout(timeout);
    }
    return o;
  }
}
