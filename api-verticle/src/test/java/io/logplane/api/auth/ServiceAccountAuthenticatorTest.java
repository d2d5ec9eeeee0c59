package io.logplane.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.Json;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceAccountAuthenticatorTest {

  private static final String ISSUER = ServiceAccountTokens.DEFAULT_ISSUER;
  private static final Instant T0 = ServiceAccountTokensTest.T0;
  private static final String SA = "core/serviceaccounts/ns1/robot";
  private static final String POD = "core/pods/ns1/web";

  private final Map<String, JsonNode> state = new HashMap<>();

  private ServiceAccountAuthenticator at(Instant now) {
    return new ServiceAccountAuthenticator(ServiceAccountTokensTest.at(now), state::get);
  }

  private static JsonNode object(String name, String uid, String deletionTimestamp) {
    var o = Json.MAPPER.createObjectNode();
    var meta = o.putObject("metadata").put("name", name).put("uid", uid);
    if (deletionTimestamp != null) {
      meta.put("deletionTimestamp", deletionTimestamp);
    }
    return o;
  }

  private static String token(ServiceAccountClaims.Ref pod, ServiceAccountClaims.Ref secret) {
    return ServiceAccountTokensTest.at(T0).sign(new ServiceAccountClaims("ns1", "robot", "sa-uid", List.of(ISSUER),
        T0, T0.plusSeconds(3600), pod, secret));
  }

  @Test
  void theAccountsUserWithItsGroupsUidAndPod() {
    state.put(SA, object("robot", "sa-uid", null));
    state.put(POD, object("web", "pod-uid", null));
    User user = at(T0).authenticate(token(new ServiceAccountClaims.Ref("web", "pod-uid"), null)).orElseThrow();
    assertEquals("system:serviceaccount:ns1:robot", user.name());
    assertEquals("sa-uid", user.uid());
    assertEquals(List.of("system:serviceaccounts", "system:serviceaccounts:ns1", "system:authenticated"),
        user.groups());
    assertEquals(Map.of(ServiceAccountAuthenticator.POD_NAME, List.of("web"),
        ServiceAccountAuthenticator.POD_UID, List.of("pod-uid")), user.extra());
    User unbound = at(T0).authenticate(token(null, null)).orElseThrow();
    assertEquals(Map.of(), unbound.extra());
  }

  @Test
  void aDeletedOrRecreatedAccountInvalidatesItsTokens() {
    String token = token(null, null);
    assertEquals(Optional.empty(), at(T0).authenticate(token), "no account yet");
    state.put(SA, object("robot", "sa-uid", null));
    assertTrue(at(T0).authenticate(token).isPresent());
    state.put(SA, object("robot", "another-uid", null));
    assertEquals(Optional.empty(), at(T0).authenticate(token), "an account of the same name is another one");
    state.remove(SA);
    assertEquals(Optional.empty(), at(T0).authenticate(token));
  }

  @Test
  void aBoundPodOrSecretMustStillBeThere() {
    state.put(SA, object("robot", "sa-uid", null));
    String podToken = token(new ServiceAccountClaims.Ref("web", "pod-uid"), null);
    assertEquals(Optional.empty(), at(T0).authenticate(podToken), "no pod");
    state.put(POD, object("web", "pod-uid", null));
    assertTrue(at(T0).authenticate(podToken).isPresent());
    state.put(POD, object("web", "pod-uid", "2026-01-01T00:00:30Z"));
    assertTrue(at(T0.plusSeconds(90)).authenticate(podToken).isPresent(), "a minute after its deletion time");
    assertEquals(Optional.empty(), at(T0.plusSeconds(91)).authenticate(podToken));
    state.put(POD, object("web", "other-pod", null));
    assertEquals(Optional.empty(), at(T0).authenticate(podToken), "a pod of the same name is another one");

    String secretToken = token(null, new ServiceAccountClaims.Ref("s", "secret-uid"));
    assertEquals(Optional.empty(), at(T0).authenticate(secretToken));
    state.put("core/secrets/ns1/s", object("s", "secret-uid", null));
    assertTrue(at(T0).authenticate(secretToken).isPresent());
  }

  @Test
  void theUnionTriesStaticTokensFirstThenServiceAccounts() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("sa-auth");
    Tokens tokens = Tokens.loadOrCreate(dir);
    X509Certificate ca = Pki.loadOrCreate(dir, List.of()).ca();
    state.put(SA, object("robot", "sa-uid", null));
    ServiceAccountAuthenticator serviceAccounts = new ServiceAccountAuthenticator(
        new ServiceAccountTokens(ServiceAccountTokensTest.KEY, ISSUER, List.of(ISSUER), Clock.systemUTC()), state::get);
    Authenticator auth = new Authenticator(tokens, ca, serviceAccounts);
    Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
    String token = new ServiceAccountTokens(ServiceAccountTokensTest.KEY, ISSUER, List.of(ISSUER),
        Clock.fixed(now, ZoneOffset.UTC)).sign(new ServiceAccountClaims("ns1", "robot", "sa-uid", List.of(ISSUER), now,
        now.plusSeconds(3600), null, null));
    assertEquals("system:serviceaccount:ns1:robot", auth.authenticate("Bearer " + token, null).orElseThrow().name());
    assertEquals("system:serviceaccount:ns1:robot", auth.authenticateToken(token).orElseThrow().name());
    assertEquals("admin", auth.authenticate("Bearer " + tokens.adminToken(), null).orElseThrow().name());
    assertEquals(Optional.empty(), new Authenticator(tokens, ca).authenticate("Bearer " + token, null));
  }
}
