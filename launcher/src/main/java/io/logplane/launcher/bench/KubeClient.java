package io.logplane.launcher.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse.BodySubscribers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal Kubernetes REST client over {@link HttpClient}. Over TLS it negotiates HTTP/2
 * with ALPN; each of the {@code connections} clients holds one HTTP/2 connection and
 * requests are spread over them round-robin (one connection is what client-go uses). Plain
 * {@code http://} servers are spoken to in HTTP/1.1, since kube-apiserver has no h2c.
 *
 * <p>When a connection has as many streams open as the server allows (its
 * SETTINGS_MAX_CONCURRENT_STREAMS: 250 for kube-apiserver, 100 for a default Vert.x
 * server), Go's HTTP/2 transport, and so client-go, opens another connection. The JDK 17
 * client fails the request instead; this client then retries it on the next connection,
 * opening one more when all are full, and {@link #connectionsOpened()} tells how many.
 */
public final class KubeClient {
  /** A finished request: the HTTP status, the body as text, and the protocol used. */
  public record Response(int status, String body, HttpClient.Version version) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** Extra connections opened when all are full; beyond that the request fails. */
  private static final int MAX_EXTRA_CONNECTIONS = 64;

  private final java.util.List<HttpClient> clients =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.function.Supplier<HttpClient> factory;
  private final int connections;
  private final AtomicInteger next = new AtomicInteger();
  private final String base;
  private final String authorization;
  private final Duration timeout;

  public KubeClient(KubeConfig config, int connections, Duration requestTimeout) {
    if (connections < 1) {
      throw new IllegalArgumentException("connections must be at least 1, was " + connections);
    }
    boolean tls = "https".equalsIgnoreCase(config.server().getScheme());
    javax.net.ssl.SSLContext ssl = tls ? Tls.sslContext(config) : null;
    this.factory = () -> {
      HttpClient.Builder b = HttpClient.newBuilder()
          .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10));
      if (ssl != null) {
        b.sslContext(ssl);
      }
      return b.build();
    };
    this.connections = connections;
    for (int i = 0; i < connections; i++) {
      clients.add(factory.get());
    }
    this.base = config.server().toString();
    this.authorization = config.authorization();
    this.timeout = requestTimeout;
  }

  /** Sends and waits. Transport failures are thrown; HTTP errors are returned as status. */
  public Response send(String method, String path, String json)
      throws IOException, InterruptedException {
    HttpRequest request = request(method, path, json, true);
    int start = Math.floorMod(next.getAndIncrement(), connections);
    for (int attempt = 0; ; attempt++) {
      try {
        HttpResponse<String> r = client(start, attempt).send(request, BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body(), r.version());
      } catch (IOException e) {
        if (!streamsExhausted(e) || attempt >= connections + MAX_EXTRA_CONNECTIONS) {
          throw e;
        }
      }
    }
  }

  /** Sends without blocking; the future fails on transport errors only. */
  public CompletableFuture<Response> sendAsync(String method, String path, String json) {
    return sendAsync(request(method, path, json, true), BodyHandlers.ofString(),
        Math.floorMod(next.getAndIncrement(), connections), 0)
        .thenApply(r -> new Response(r.statusCode(), r.body(), r.version()));
  }

  private <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
      HttpResponse.BodyHandler<T> handler, int start, int attempt) {
    return client(start, attempt).sendAsync(request, handler)
        .handle((r, e) -> {
          if (e == null) {
            return CompletableFuture.completedFuture(r);
          }
          if (streamsExhausted(e) && attempt < connections + MAX_EXTRA_CONNECTIONS) {
            return sendAsync(request, handler, start, attempt + 1);
          }
          return CompletableFuture.<HttpResponse<T>>failedFuture(e);
        })
        .thenCompose(f -> f);
  }

  /**
   * Opens a long-running GET (a watch) whose body is fed line by line to {@code lines}. The
   * returned future completes with the HTTP status as soon as the response headers arrive
   * (the body of a non-200 answer still reaches {@code lines}), or fails if the request
   * cannot be sent. The stream ends when the server closes it or {@code lines} cancels its
   * subscription.
   */
  public CompletableFuture<Integer> stream(String path, Flow.Subscriber<String> lines) {
    CompletableFuture<Integer> headers = new CompletableFuture<>();
    HttpResponse.BodyHandler<Void> handler = info -> {
      headers.complete(info.statusCode());
      return BodySubscribers.fromLineSubscriber(lines);
    };
    sendAsync(request("GET", path, null, false), handler,
        Math.floorMod(next.getAndIncrement(), connections), 0).whenComplete((r, e) -> {
      if (e != null) {
        headers.completeExceptionally(e);
      }
    });
    return headers;
  }

  /** Connections (HTTP clients) opened so far: the configured ones plus any spill-over. */
  public int connectionsOpened() {
    return clients.size();
  }

  /**
   * The client for an attempt: first the round-robin pick, then each other one in order,
   * then a new one.
   */
  private HttpClient client(int start, int attempt) {
    if (attempt == 0) {
      return clients.get(start);
    }
    int index = attempt <= start ? attempt - 1 : attempt;
    synchronized (clients) {
      while (clients.size() <= index) {
        clients.add(factory.get());
      }
    }
    return clients.get(index);
  }

  /** The JDK 17 client's refusal to open a stream beyond the server's limit. */
  private static boolean streamsExhausted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException && String.valueOf(t.getMessage())
          .contains("too many concurrent streams")) {
        return true;
      }
    }
    return false;
  }

  private HttpRequest request(String method, String path, String json, boolean timed) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .header("Accept", "application/json")
        .header("User-Agent", "logplane-bench");
    if (timed) {
      b.timeout(timeout);
    }
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (json != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return b.build();
  }
}
