package io.logplane.node.internal.volumes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.kubeclient.KubeClient;
import io.logplane.node.internal.volumes.ObjectSource.TokenRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's ServiceAccount tokens, as the kubelet's token manager keeps them: each asked of the
 * API with a TokenRequest to the account's {@code token} subresource, bound to the pod, and
 * handed out again until 80% of its lifetime has passed or it is 24 h old, then asked anew. A
 * failed refresh keeps the token while it is valid; once it expired, or when there never was
 * one (the account does not exist yet), the failure is the pod's, which waits and asks again at
 * its next sync. Tokens of gone pods leave the cache when they expire. Unlike the kubelet's, the
 * refresh point has no jitter: one node asks for few tokens.
 */
final class ApiTokens {
  static final Duration MAX_TTL = Duration.ofHours(24);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A blocking request to the API; an unreachable server is {@link ObjectSource.Unavailable}. */
  interface Send {
    KubeClient.Response send(String method, String path, JsonNode body);
  }

  private record Issued(String token, Instant expiry, long seconds) {
    Instant issued() {
      return expiry.minusSeconds(seconds);
    }
  }

  private final Send api;
  private final Clock clock;
  private final Map<TokenRequest, Issued> cache = new ConcurrentHashMap<>();

  ApiTokens(Send api, Clock clock) {
    this.api = api;
    this.clock = clock;
  }

  /** The token for {@code r}, asked for when there is none or it is due for a refresh. */
  String token(TokenRequest r) {
    Instant now = clock.instant();
    cache.values().removeIf(i -> !i.expiry().isAfter(now));
    Issued held = cache.get(r);
    if (held != null && !refreshDue(held, now)) {
      return held.token();
    }
    try {
      Issued fresh = request(r);
      cache.put(r, fresh);
      return fresh.token();
    } catch (ConfigError | ObjectSource.Unavailable e) {
      if (held == null) {
        throw new ConfigError("failed to fetch token: " + e.getMessage());
      }
      return held.token(); // still valid: the next sync asks again
    }
  }

  /** The kubelet's {@code requiresRefresh}: past 24 h since issued, or within 20% of the lifetime of expiring. */
  static boolean refreshDue(Instant issued, Instant expiry, long seconds, Instant now) {
    return now.isAfter(issued.plus(MAX_TTL)) || now.isAfter(expiry.minusSeconds(seconds * 20 / 100));
  }

  private static boolean refreshDue(Issued i, Instant now) {
    return refreshDue(i.issued(), i.expiry(), i.seconds(), now);
  }

  private Issued request(TokenRequest r) {
    ObjectNode body = JSON.createObjectNode().put("apiVersion", "authentication.k8s.io/v1").put("kind", "TokenRequest");
    ObjectNode spec = body.putObject("spec");
    var audiences = spec.putArray("audiences");
    if (!r.audience().isEmpty()) {
      audiences.add(r.audience());
    }
    spec.put("expirationSeconds", r.expirationSeconds());
    spec.putObject("boundObjectRef").put("apiVersion", "v1").put("kind", "Pod").put("name", r.podName())
        .put("uid", r.podUid());
    String path = "/api/v1/namespaces/" + r.namespace() + "/serviceaccounts/" + r.account() + "/token";
    KubeClient.Response answer = api.send("POST", path, body);
    JsonNode out = parse(answer);
    if (answer.status() != 200 && answer.status() != 201) {
      String message = out == null ? "" : out.path("message").asText("");
      throw new ConfigError(message.isEmpty() ? "POST " + path + " answered " + answer.status() : message);
    }
    String token = out == null ? "" : out.path("status").path("token").asText("");
    if (token.isEmpty()) {
      throw new ConfigError("the API answered a TokenRequest without a token");
    }
    long seconds = out.path("spec").path("expirationSeconds").asLong(r.expirationSeconds());
    Instant expiry;
    try {
      expiry = Instant.parse(out.path("status").path("expirationTimestamp").asText(""));
    } catch (DateTimeParseException e) {
      expiry = clock.instant().plusSeconds(seconds);
    }
    return new Issued(token, expiry, seconds);
  }

  private static JsonNode parse(KubeClient.Response r) {
    try {
      return r.body() == null || r.body().isEmpty() ? null : JSON.readTree(r.body());
    } catch (IOException e) {
      return null;
    }
  }
}
