package io.logplane.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceAccountTokensTest {

  static final ServiceAccountKey KEY = ServiceAccountKey.ephemeral();
  static final String ISSUER = ServiceAccountTokens.DEFAULT_ISSUER;
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  static ServiceAccountTokens at(Instant now) {
    return new ServiceAccountTokens(KEY, ISSUER, List.of(ISSUER), Clock.fixed(now, ZoneOffset.UTC));
  }

  static ServiceAccountClaims claims(List<String> audiences, ServiceAccountClaims.Ref pod) {
    return new ServiceAccountClaims("ns1", "robot", "sa-uid", audiences, T0, T0.plusSeconds(3600), pod, null);
  }

  @Test
  void signsKubesClaimsAndVerifiesThem() throws Exception {
    ServiceAccountClaims c = claims(List.of(ISSUER), new ServiceAccountClaims.Ref("web", "pod-uid"));
    String token = at(T0).sign(c);
    String[] parts = token.split("\\.");
    assertEquals(3, parts.length);
    JsonNode header = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[0]));
    assertEquals("RS256", header.path("alg").asText());
    assertEquals(KEY.keyId(), header.path("kid").asText());
    JsonNode payload = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
    assertEquals(Json.MAPPER.readTree("{\"aud\":[\"" + ISSUER + "\"],\"exp\":" + (T0.getEpochSecond() + 3600)
        + ",\"iat\":" + T0.getEpochSecond() + ",\"iss\":\"" + ISSUER + "\",\"kubernetes.io\":{\"namespace\":\"ns1\","
        + "\"pod\":{\"name\":\"web\",\"uid\":\"pod-uid\"},\"serviceaccount\":{\"name\":\"robot\",\"uid\":\"sa-uid\"}},"
        + "\"nbf\":" + T0.getEpochSecond() + ",\"sub\":\"system:serviceaccount:ns1:robot\"}"), payload);
    assertEquals(Optional.of(c), at(T0.plusSeconds(10)).verify(token));
  }

  @Test
  void aKeyStillBeingMadeVerifiesNoTokenAndIsMadeOnceForSigning() throws Exception {
    java.util.concurrent.CompletableFuture<Runnable> making = new java.util.concurrent.CompletableFuture<>();
    ServiceAccountKey later = ServiceAccountKey.loadOrMakeOn(dir, making::complete);
    ServiceAccountTokens tokens = new ServiceAccountTokens(later, ISSUER, List.of(ISSUER),
        Clock.fixed(T0, ZoneOffset.UTC));
    assertEquals(Optional.empty(), tokens.verify(at(T0).sign(claims(List.of(ISSUER), null))));
    assertFalse(Files.exists(dir.resolve("pki/sa.key")));

    making.get().run();
    String token = tokens.sign(claims(List.of(ISSUER), null));
    assertTrue(tokens.verify(token).isPresent());
    assertEquals(Optional.empty(), tokens.verify(at(T0).sign(claims(List.of(ISSUER), null))));
    // kept, and loaded at once on the next start: the task is not asked for
    assertEquals(later.keyId(), ServiceAccountKey.loadOrMakeOn(dir, task -> {
      throw new AssertionError("a kept key is loaded, not made");
    }).keyId());
  }

  @Test
  void keyIdIsKubes() throws Exception {
    byte[] der = KEY.publicJwk().toRSAPublicKey().getEncoded();
    String expected = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(MessageDigest.getInstance("SHA-256").digest(der));
    assertEquals(expected, KEY.keyId());
    assertEquals(expected, KEY.publicJwk().getKeyID());
    assertEquals("sig", KEY.publicJwk().getKeyUse().identifier());
    assertEquals("RS256", KEY.publicJwk().getAlgorithm().getName());
    assertTrue(!KEY.publicJwk().isPrivate(), "the published key holds the private part");
  }

  @Test
  void onlyTheApiAudiencesAreAccepted() {
    assertEquals(Optional.empty(), at(T0).verify(at(T0).sign(claims(List.of("vault"), null))));
    assertTrue(at(T0).verify(at(T0).sign(claims(List.of("vault", ISSUER), null))).isPresent());
    assertEquals(Optional.empty(), at(T0).verify(at(T0).sign(claims(List.of(), null))));
  }

  @Test
  void validOnlyBetweenNotBeforeAndExpiryWithAMinuteOfLeeway() {
    String token = at(T0).sign(claims(List.of(ISSUER), null));
    Instant exp = T0.plusSeconds(3600);
    assertTrue(at(exp.plus(ServiceAccountTokens.LEEWAY)).verify(token).isPresent());
    assertEquals(Optional.empty(), at(exp.plus(ServiceAccountTokens.LEEWAY).plusSeconds(1)).verify(token));
    assertTrue(at(T0.minus(ServiceAccountTokens.LEEWAY)).verify(token).isPresent());
    assertEquals(Optional.empty(), at(T0.minus(ServiceAccountTokens.LEEWAY).minusSeconds(1)).verify(token));
  }

  @Test
  void anotherKeyOrIssuerOrAChangedPayloadIsNotOurs() {
    String token = at(T0).sign(claims(List.of(ISSUER), null));
    ServiceAccountTokens otherKey = new ServiceAccountTokens(ServiceAccountKey.ephemeral(), ISSUER, List.of(ISSUER),
        Clock.fixed(T0, ZoneOffset.UTC));
    assertEquals(Optional.empty(), otherKey.verify(token));
    ServiceAccountTokens otherIssuer = new ServiceAccountTokens(KEY, "https://other.example", List.of(ISSUER),
        Clock.fixed(T0, ZoneOffset.UTC));
    assertEquals(Optional.empty(), at(T0).verify(otherIssuer.sign(claims(List.of(ISSUER), null))));
    String[] parts = token.split("\\.");
    String forged = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
        .replace("\"robot\"", "\"admin\"");
    String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    assertEquals(Optional.empty(), at(T0).verify(tampered));
    String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(
        StandardCharsets.UTF_8)) + "." + parts[1] + ".";
    assertEquals(Optional.empty(), at(T0).verify(unsigned));
    for (String junk : new String[] {"", "a.b.c", "not-a-token", "..", token + "x"}) {
      assertEquals(Optional.empty(), at(T0).verify(junk), junk);
    }
  }

  @Test
  void theKeyIsMadeOnceKeptOwnerOnlyAndReloaded() throws Exception {
    ServiceAccountKey made = ServiceAccountKey.loadOrCreate(dir);
    Path file = dir.resolve("pki/sa.key");
    assertTrue(Files.readString(file).startsWith("-----BEGIN PRIVATE KEY-----"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    ServiceAccountKey reloaded = ServiceAccountKey.loadOrCreate(dir);
    assertEquals(made.keyId(), reloaded.keyId());
    assertEquals(2048, reloaded.publicJwk().size());
    assertNotEquals(made.keyId(), ServiceAccountKey.loadOrCreate(dir.resolve("other")).keyId());
    ServiceAccountTokens before = new ServiceAccountTokens(made, ISSUER, List.of(ISSUER),
        Clock.fixed(T0, ZoneOffset.UTC));
    ServiceAccountTokens after = new ServiceAccountTokens(reloaded, ISSUER, List.of(ISSUER),
        Clock.fixed(T0.plus(Duration.ofMinutes(5)), ZoneOffset.UTC));
    assertTrue(after.verify(before.sign(claims(List.of(ISSUER), null))).isPresent(),
        "a token survives a restart");
  }
}
