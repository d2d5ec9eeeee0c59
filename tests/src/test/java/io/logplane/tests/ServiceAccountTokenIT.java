package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.logplane.events.Command;
import io.logplane.events.EventLog;
import io.logplane.events.LogEntry;
import io.logplane.launcher.Cluster;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service-account tokens end to end with the real kubectl: {@code kubectl create token} (with
 * {@code --audience}, {@code --duration}, {@code --bound-object-kind Pod}) gets a token the API
 * server authenticates as the account (the log names the account as the writer), until the
 * account or the bound pod is deleted; a token for another audience is refused; the issuer's
 * discovery document and key set verify the token's signature; each issuance is a record of the
 * log that holds no token.
 */
class ServiceAccountTokenIT {

  private static final String ISSUER = "https://kubernetes.default.svc.cluster.local";

  @TempDir static Path dir;
  static Cluster cluster;
  static Kubectl kubectl;
  static Api admin;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(dir);
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
    admin = ClusterFixture.admin(cluster);
    // every account may edit, as a permissive cluster grants it: the tokens are what is tested here
    kubectl.ok("create", "clusterrolebinding", "accounts-edit", "--clusterrole=edit", "--group=system:serviceaccounts");
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void kubectlCreateTokenAuthenticatesAsTheAccountUntilItIsDeleted() throws Exception {
    kubectl.ok("create", "namespace", "sa1");
    kubectl.ok("-n", "sa1", "create", "serviceaccount", "robot");
    String uid = kubectl.ok("-n", "sa1", "get", "serviceaccount", "robot", "-o", "jsonpath={.metadata.uid}").out();
    String token = kubectl.ok("-n", "sa1", "create", "token", "robot").out().trim();

    JsonNode claims = payload(token);
    assertEquals("system:serviceaccount:sa1:robot", claims.path("sub").asText());
    assertEquals(ISSUER, claims.path("iss").asText());
    assertEquals(List.of(ISSUER), strings(claims.path("aud")));
    assertEquals(3600, claims.path("exp").asLong() - claims.path("iat").asLong());
    assertEquals(claims.path("iat"), claims.path("nbf"));
    assertEquals("sa1", claims.path("kubernetes.io").path("namespace").asText());
    assertEquals("robot", claims.path("kubernetes.io").path("serviceaccount").path("name").asText());
    assertEquals(uid, claims.path("kubernetes.io").path("serviceaccount").path("uid").asText());

    Kubectl.Result pods = kubectl.run("--token=" + token, "-n", "sa1", "get", "pods");
    assertEquals(0, pods.exit(), pods.all());
    Api robot = admin.as("Bearer " + token, null, null);
    Response created = robot.send("POST", "/api/v1/namespaces/sa1/configmaps", "application/json",
        "{\"metadata\":{\"name\":\"by-robot\"}}");
    assertEquals(201, created.code(), created.text());
    Command create = find(c -> c instanceof Command.Create k && k.key().equals("core/configmaps/sa1/by-robot"));
    assertEquals("system:serviceaccount:sa1:robot", create.meta().actor());

    Command issued = find(c -> c instanceof Command.Update u && u.key().equals("core/serviceaccounts/sa1/robot")
        && "token".equals(u.subresource()));
    assertEquals("admin", issued.meta().actor());
    assertEquals("create", issued.meta().verb());
    assertFalse(issued.toString().contains(token.substring(token.lastIndexOf('.') + 1)), "the token is in the log");
    assertEquals(List.of(ISSUER), strings(((Command.Update) issued).object().path("spec").path("audiences")));

    kubectl.ok("-n", "sa1", "delete", "serviceaccount", "robot");
    await().atMost(Duration.ofSeconds(30)).until(() -> robot.get("/api/v1/namespaces/sa1/pods").code() == 401);
    Kubectl.Result refused = kubectl.run("--token=" + token, "-n", "sa1", "get", "pods");
    assertNotEquals(0, refused.exit(), refused.all());
    assertTrue(refused.err().contains("Unauthorized"), refused.all());

    kubectl.ok("-n", "sa1", "create", "serviceaccount", "robot");
    assertEquals(401, robot.get("/api/v1/namespaces/sa1/pods").code(), "a new account of the same name took the token");
  }

  @Test
  void audienceAndDuration() throws Exception {
    kubectl.ok("create", "namespace", "sa2");
    kubectl.ok("-n", "sa2", "create", "serviceaccount", "robot");
    String vault = kubectl.ok("-n", "sa2", "create", "token", "robot", "--audience", "vault").out().trim();
    assertEquals(List.of("vault"), strings(payload(vault).path("aud")));
    assertEquals(401, admin.as("Bearer " + vault, null, null).get("/api/v1/namespaces/sa2/pods").code(),
        "a token for another audience was taken by the API server");
    String both = kubectl.ok("-n", "sa2", "create", "token", "robot", "--audience", "vault", "--audience", ISSUER)
        .out().trim();
    assertEquals(200, admin.as("Bearer " + both, null, null).get("/api/v1/namespaces/sa2/pods").code());

    String twoHours = kubectl.ok("-n", "sa2", "create", "token", "robot", "--duration", "2h").out().trim();
    JsonNode claims = payload(twoHours);
    assertEquals(7200, claims.path("exp").asLong() - claims.path("iat").asLong());

    Kubectl.Result tooShort = kubectl.run("-n", "sa2", "create", "token", "robot", "--duration", "100s");
    assertNotEquals(0, tooShort.exit(), tooShort.all());
    assertTrue(tooShort.err().contains("TokenRequest.authentication.k8s.io \"\" is invalid: spec.expirationSeconds:"
        + " Invalid value: 100: may not specify a duration less than 10 minutes"), tooShort.all());
    Response invalid = admin.send("POST", "/api/v1/namespaces/sa2/serviceaccounts/robot/token", "application/json",
        "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\",\"spec\":{\"expirationSeconds\":100}}");
    assertEquals(422, invalid.code(), invalid.text());
    assertEquals("Invalid", invalid.json().path("reason").asText());
    assertEquals("spec.expirationSeconds", invalid.json().path("details").path("causes").path(0).path("field").asText());

    Kubectl.Result nobody = kubectl.run("-n", "sa2", "create", "token", "nobody");
    assertNotEquals(0, nobody.exit(), nobody.all());
    assertTrue(nobody.err().contains("serviceaccounts \"nobody\" not found"), nobody.all());
    Response answered = admin.send("POST", "/api/v1/namespaces/sa2/serviceaccounts/robot/token", "application/json",
        "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\",\"spec\":{}}");
    assertEquals(201, answered.code(), answered.text());
    assertEquals("TokenRequest", answered.json().path("kind").asText());
    assertEquals(3600, answered.json().path("spec").path("expirationSeconds").asLong());
    assertFalse(answered.json().path("status").path("token").asText().isEmpty(), answered.text());
    assertTrue(answered.json().path("status").path("expirationTimestamp").asText().endsWith("Z"), answered.text());
  }

  @Test
  void aTokenBoundToAPodDiesWithThePod() throws Exception {
    kubectl.ok("create", "namespace", "sa3");
    kubectl.ok("-n", "sa3", "create", "serviceaccount", "robot");
    Response pod = admin.send("POST", "/api/v1/namespaces/sa3/pods", "application/json",
        "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"serviceAccountName\":\"robot\","
            + "\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}");
    assertEquals(201, pod.code(), pod.text());
    String podUid = pod.json().path("metadata").path("uid").asText();
    String token = kubectl.ok("-n", "sa3", "create", "token", "robot", "--bound-object-kind", "Pod",
        "--bound-object-name", "web").out().trim();
    JsonNode bound = payload(token).path("kubernetes.io").path("pod");
    assertEquals("web", bound.path("name").asText());
    assertEquals(podUid, bound.path("uid").asText());
    Api robot = admin.as("Bearer " + token, null, null);
    assertEquals(200, robot.get("/api/v1/namespaces/sa3/pods").code());

    Kubectl.Result wrongUid = kubectl.run("-n", "sa3", "create", "token", "robot", "--bound-object-kind", "Pod",
        "--bound-object-name", "web", "--bound-object-uid", "not-the-uid");
    assertNotEquals(0, wrongUid.exit(), wrongUid.all());
    assertTrue(wrongUid.err().contains("the UID in the bound object reference (not-the-uid) does not match"),
        wrongUid.all());
    Kubectl.Result noPod = kubectl.run("-n", "sa3", "create", "token", "robot", "--bound-object-kind", "Pod",
        "--bound-object-name", "gone");
    assertTrue(noPod.err().contains("pods \"gone\" not found"), noPod.all());

    kubectl.ok("-n", "sa3", "delete", "pod", "web", "--grace-period=0", "--force");
    await().atMost(Duration.ofSeconds(30)).until(() -> robot.get("/api/v1/namespaces/sa3/pods").code() == 401);
    String unbound = kubectl.ok("-n", "sa3", "create", "token", "robot").out().trim();
    assertEquals(200, admin.as("Bearer " + unbound, null, null).get("/api/v1/namespaces/sa3/pods").code(),
        "the account's unbound tokens died with the pod");
  }

  @Test
  void theIssuersKeySetVerifiesTheTokens() throws Exception {
    kubectl.ok("create", "namespace", "sa4");
    kubectl.ok("-n", "sa4", "create", "serviceaccount", "robot");
    String token = kubectl.ok("-n", "sa4", "create", "token", "robot").out().trim();

    Response config = admin.get("/.well-known/openid-configuration");
    assertEquals(200, config.code(), config.text());
    assertTrue(config.contentType().startsWith("application/json"), config.contentType());
    JsonNode c = config.json();
    assertEquals(ISSUER, c.path("issuer").asText());
    assertEquals("https://127.0.0.1:" + admin.server().getPort() + "/openid/v1/jwks", c.path("jwks_uri").asText());
    assertEquals(List.of("id_token"), strings(c.path("response_types_supported")));
    assertEquals(List.of("public"), strings(c.path("subject_types_supported")));
    assertEquals(List.of("RS256"), strings(c.path("id_token_signing_alg_values_supported")));

    Response jwks = admin.get("/openid/v1/jwks", "*/*");
    assertEquals(200, jwks.code(), jwks.text());
    assertTrue(jwks.contentType().startsWith("application/jwk-set+json"), jwks.contentType());
    JWKSet set = JWKSet.parse(jwks.text());
    assertEquals(1, set.getKeys().size());
    RSAKey key = set.getKeys().get(0).toRSAKey();
    assertFalse(key.isPrivate(), "the key set publishes the private key");
    assertEquals("sig", key.getKeyUse().identifier());
    assertEquals("RS256", key.getAlgorithm().getName());
    JWSObject jws = JWSObject.parse(token);
    assertEquals(key.getKeyID(), jws.getHeader().getKeyID());
    assertTrue(jws.verify(new RSASSAVerifier(key)), "the token's signature does not verify with the key set");
    assertEquals(401, admin.as(null, null, null).get("/openid/v1/jwks").code());

    Response discovery = admin.get("/api/v1");
    JsonNode tokenResource = null;
    for (JsonNode r : discovery.json().path("resources")) {
      if (r.path("name").asText().equals("serviceaccounts/token")) {
        tokenResource = r;
      }
    }
    assertTrue(tokenResource != null, discovery.text());
    assertEquals("authentication.k8s.io", tokenResource.path("group").asText());
    assertEquals("TokenRequest", tokenResource.path("kind").asText());
    assertEquals(List.of("create"), strings(tokenResource.path("verbs")));
  }

  private static JsonNode payload(String token) throws Exception {
    String[] parts = token.split("\\.");
    assertEquals(3, parts.length, token);
    return Api.JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** The first record of the log that matches, read from offset 0. */
  private static Command find(Predicate<Command> match) {
    List<Command> found = new ArrayList<>();
    try (EventLog.Reader reader = cluster.log().reader(0)) {
      // a Kafka consumer: polled from this thread only
      await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
        for (LogEntry e : reader.poll(Duration.ofMillis(500))) {
          if (match.test(e.command())) {
            found.add(e.command());
            return true;
          }
        }
        return false;
      });
    }
    return found.get(0);
  }
}
