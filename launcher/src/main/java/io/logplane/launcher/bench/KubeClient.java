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
 */
public final class KubeClient {
  /** A finished request: the HTTP status, the body as text, and the protocol used. */
  public record Response(int status, String body, HttpClient.Version version) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final HttpClient[] clients;
  private final AtomicInteger next = new AtomicInteger();
  private final String base;
  private final String authorization;
  private final Duration timeout;

  public KubeClient(KubeConfig config, int connections, Duration requestTimeout) {
    if (connections < 1) {
      throw new IllegalArgumentException("connections must be at least 1, was " + connections);
    }
    boolean tls = "https".equalsIgnoreCase(config.server().getScheme());
    this.clients = new HttpClient[connections];
    for (int i = 0; i < connections; i++) {
      HttpClient.Builder b = HttpClient.newBuilder()
          .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10));
      if (tls) {
        b.sslContext(Tls.sslContext(config));
      }
      clients[i] = b.build();
    }
    this.base = config.server().toString();
    this.authorization = config.authorization();
    this.timeout = requestTimeout;
  }

  /** Sends and waits. Transport failures are thrown; HTTP errors are returned as status. */
  public Response send(String method, String path, String json)
      throws IOException, InterruptedException {
    HttpResponse<String> r = client().send(request(method, path, json, true),
        BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body(), r.version());
  }

  /** Sends without blocking; the future fails on transport errors only. */
  public CompletableFuture<Response> sendAsync(String method, String path, String json) {
    return client().sendAsync(request(method, path, json, true), BodyHandlers.ofString())
        .thenApply(r -> new Response(r.statusCode(), r.body(), r.version()));
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
    client().sendAsync(request("GET", path, null, false), info -> {
      headers.complete(info.statusCode());
      return BodySubscribers.fromLineSubscriber(lines);
    }).whenComplete((r, e) -> {
      if (e != null) {
        headers.completeExceptionally(e);
      }
    });
    return headers;
  }

  private HttpClient client() {
    return clients[Math.floorMod(next.getAndIncrement(), clients.length)];
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
