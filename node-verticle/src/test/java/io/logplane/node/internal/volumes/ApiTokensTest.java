package io.logplane.node.internal.volumes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.kubeclient.KubeClient;
import io.logplane.node.internal.ManualClock;
import io.logplane.node.internal.volumes.ObjectSource.TokenRequest;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The node's token manager against a scripted API and a clock the test moves. */
class ApiTokensTest {
  private static final TokenRequest POD = new TokenRequest("ns", "default", "", 3607, "p", "u-1");

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-02T03:00:00Z"));

  private final List<String> asked = new ArrayList<>();
  private final List<JsonNode> bodies = new ArrayList<>();
  private boolean accountExists;
  private boolean serverDown;
  private int issued;

  private final ApiTokens tokens = new ApiTokens((method, path, body) -> {
    asked.add(method + " " + path);
    bodies.add(body);
    if (serverDown) {
      throw new ObjectSource.Unavailable("POST " + path + ": connection refused");
    }
    if (!accountExists) {
      return answer(404, "{\"kind\":\"Status\",\"status\":\"Failure\",\"message\":\"serviceaccounts \\\"default\\\" not"
          + " found\",\"reason\":\"NotFound\",\"code\":404}");
    }
    long seconds = body.path("spec").path("expirationSeconds").asLong();
    return answer(201, "{\"kind\":\"TokenRequest\",\"spec\":{\"expirationSeconds\":" + seconds + "},\"status\":{"
        + "\"token\":\"t" + ++issued + "\",\"expirationTimestamp\":\"" + clock.instant().plusSeconds(seconds) + "\"}}");
  }, clock);

  private static KubeClient.Response answer(int status, String body) {
    return new KubeClient.Response(status, Buffer.buffer(body), "HTTP/1.1");
  }

  @Test
  void aTokenIsAskedForBoundToThePodAndFailsAsTheKubeletSaysUntilTheAccountExists() {
    assertEquals("failed to fetch token: serviceaccounts \"default\" not found",
        assertThrows(ConfigError.class, () -> tokens.token(POD)).getMessage());
    assertEquals(List.of("POST /api/v1/namespaces/ns/serviceaccounts/default/token"), asked);
    JsonNode spec = bodies.get(0).path("spec");
    assertEquals("authentication.k8s.io/v1", bodies.get(0).path("apiVersion").asText());
    assertEquals("TokenRequest", bodies.get(0).path("kind").asText());
    assertEquals(0, spec.path("audiences").size(), "no audience: the API's own");
    assertEquals(3607, spec.path("expirationSeconds").asLong());
    assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"name\":\"p\",\"uid\":\"u-1\"}",
        spec.path("boundObjectRef").toString());
    accountExists = true;
    assertEquals("t1", tokens.token(POD), "asked again at the next sync");
    tokens.token(new TokenRequest("ns", "default", "vault", 3607, "p", "u-1"));
    assertEquals("[\"vault\"]", bodies.get(2).path("spec").path("audiences").toString());
  }

  @Test
  void theTokenIsKeptUntilEightyPercentOfItsLifetimeThenRefreshedAndKeptWhileARefreshFails() {
    accountExists = true;
    assertEquals("t1", tokens.token(POD));
    clock.advance(Duration.ofSeconds(2886)); // 3607 - 3607 * 20 / 100
    assertEquals("t1", tokens.token(POD));
    assertEquals(1, asked.size());
    clock.advance(Duration.ofSeconds(1));
    serverDown = true;
    assertEquals("t1", tokens.token(POD), "a failed refresh keeps the valid token");
    assertEquals(2, asked.size());
    serverDown = false;
    assertEquals("t2", tokens.token(POD));
    clock.advance(Duration.ofSeconds(3607));
    serverDown = true;
    assertEquals("failed to fetch token: POST /api/v1/namespaces/ns/serviceaccounts/default/token: connection"
        + " refused", assertThrows(ConfigError.class, () -> tokens.token(POD)).getMessage(), "expired: gone");
  }

  @Test
  void aLongLivedTokenIsRefreshedAfterADay() {
    Instant issuedAt = Instant.parse("2026-01-01T00:00:00Z");
    long week = Duration.ofDays(7).toSeconds();
    Instant expiry = issuedAt.plusSeconds(week);
    assertFalse(ApiTokens.refreshDue(issuedAt, expiry, week, issuedAt.plus(Duration.ofHours(24))));
    assertTrue(ApiTokens.refreshDue(issuedAt, expiry, week, issuedAt.plus(Duration.ofHours(24)).plusSeconds(1)));
  }
}
