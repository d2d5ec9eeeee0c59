package io.logplane.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BootstrapTokenAuthenticatorTest {

  private static final String KEY = "core/secrets/kube-system/bootstrap-token-abcdef";
  private final Map<String, ObjectNode> secrets = new HashMap<>();
  private final BootstrapTokenAuthenticator authenticator = new BootstrapTokenAuthenticator(secrets::get,
      Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC));

  private ObjectNode secret(Map<String, String> data) {
    ObjectNode s = Json.MAPPER.createObjectNode().put("type", "bootstrap.kubernetes.io/token");
    s.putObject("metadata").put("name", "bootstrap-token-abcdef").put("namespace", "kube-system");
    ObjectNode d = s.putObject("data");
    data.forEach((k, v) -> d.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    secrets.put(KEY, s);
    return s;
  }

  private static Map<String, String> valid() {
    Map<String, String> data = new HashMap<>(Map.of("token-id", "abcdef", "token-secret", "0123456789abcdef",
        "usage-bootstrap-authentication", "true", "auth-extra-groups", "system:bootstrappers:team, system:bootstrappers:team"));
    data.put("expiration", "2026-12-05T00:00:00Z");
    return data;
  }

  @Test
  void aValidTokenIsItsBootstrapUser() {
    secret(valid());
    Optional<User> user = authenticator.authenticate("abcdef.0123456789abcdef");
    assertEquals("system:bootstrap:abcdef", user.orElseThrow().name());
    assertEquals(List.of("system:bootstrappers", "system:bootstrappers:team", "system:authenticated"),
        user.get().groups());
  }

  @Test
  void aWrongSecretAnExpiredTokenOrAnUnusableSecretIsNoOne() {
    secret(valid());
    assertTrue(authenticator.authenticate("abcdef.0123456789abcdee").isEmpty());
    assertTrue(authenticator.authenticate("abcdef.0123456789ABCDEF").isEmpty());
    assertTrue(authenticator.authenticate("ghijkl.0123456789abcdef").isEmpty());
    Map<String, String> expired = valid();
    expired.put("expiration", "2026-12-04T11:59:59Z");
    secret(expired);
    assertTrue(authenticator.authenticate("abcdef.0123456789abcdef").isEmpty());
    Map<String, String> noUsage = valid();
    noUsage.remove("usage-bootstrap-authentication");
    secret(noUsage);
    assertTrue(authenticator.authenticate("abcdef.0123456789abcdef").isEmpty());
    Map<String, String> badGroup = valid();
    badGroup.put("auth-extra-groups", "system:masters");
    secret(badGroup);
    assertTrue(authenticator.authenticate("abcdef.0123456789abcdef").isEmpty());
    secret(valid()).with("metadata").put("deletionTimestamp", "2026-12-04T11:00:00Z");
    assertTrue(authenticator.authenticate("abcdef.0123456789abcdef").isEmpty());
    secret(valid()).put("type", "Opaque");
    assertTrue(authenticator.authenticate("abcdef.0123456789abcdef").isEmpty());
  }
}
