package io.logplane.node.internal.volumes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logplane.kubeclient.KubeClient;
import io.logplane.node.internal.agent.Requests;
import io.vertx.core.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The node's ConfigMaps and Secrets (and claims and volumes) read from the API server as the kubelet's TTL-based
 * managers read them: a GET when an object is needed and its last answer is older than
 * {@code ttl}, so a change reaches the pods within that time. The requests go through the
 * node's {@link Requests} on its context; the caller (a pod's sync, on a worker) waits for the
 * answer at most {@code timeout}. ServiceAccount tokens are asked for and kept by {@link ApiTokens}
 * over the same client.
 */
public final class ApiObjects implements ObjectSource {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Cached(JsonNode object, Instant at) {}

  private final Requests api;
  private final Context context;
  private final Clock clock;
  private final Duration ttl;
  private final Duration timeout;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final ApiTokens tokens;

  public ApiObjects(Requests api, Context context, Clock clock, Duration ttl, Duration timeout) {
    this.api = api;
    this.context = context;
    this.clock = clock;
    this.ttl = ttl;
    this.timeout = timeout;
    this.tokens = new ApiTokens(this::send, clock);
  }

  @Override
  public String token(TokenRequest request) {
    return tokens.token(request);
  }

  @Override
  public JsonNode get(String resource, String namespace, String name) {
    String path = namespace == null ? "/api/v1/" + resource + "/" + name
        : "/api/v1/namespaces/" + namespace + "/" + resource + "/" + name;
    Cached c = cache.get(path);
    Instant now = clock.instant();
    if (c != null && c.at().plus(ttl).isAfter(now)) {
      return c.object();
    }
    JsonNode object = fetch(path);
    cache.put(path, new Cached(object, now));
    return object;
  }

  private JsonNode fetch(String path) {
    KubeClient.Response r = send("GET", path, null);
    if (r.status() == 404) {
      return null;
    }
    if (r.status() != 200) {
      throw new Unavailable("GET " + path + " answered " + r.status());
    }
    try {
      return JSON.readTree(r.body());
    } catch (JsonProcessingException e) {
      throw new Unavailable("GET " + path + " answered no object");
    }
  }

  /** A request through the node's client, its answer awaited at most {@code timeout}. */
  private KubeClient.Response send(String method, String path, JsonNode body) {
    CompletableFuture<KubeClient.Response> answer = new CompletableFuture<>();
    context.runOnContext(v -> api.call(method, path, body).onComplete(r -> {
      if (r.succeeded()) {
        answer.complete(r.result());
      } else {
        answer.completeExceptionally(r.cause());
      }
    }));
    try {
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted: " + method + " " + path);
    } catch (ExecutionException | TimeoutException e) {
      throw new Unavailable(method + " " + path + ": " + e);
    }
  }
}
