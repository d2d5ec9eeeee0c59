package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.auth.ClientCert;
import io.logplane.api.auth.Pki;
import io.logplane.events.EventLog;
import io.logplane.events.LogEntry;
import io.logplane.events.Command;
import io.logplane.launcher.Cluster;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication over real TLS: anonymous and wrong-token requests get a 401 Status (health
 * and version stay open), a client certificate of the cluster CA authenticates its CN, one of
 * another CA does not, and the log records who made every write.
 */
class AuthIT {

  private static final String CMS = "/api/v1/namespaces/default/configmaps";

  @TempDir static Path dir;
  static Cluster cluster;
  static Api admin;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(dir);
    admin = ClusterFixture.admin(cluster);
    // the group of the certificates below may edit in default, as an administrator would grant it
    admin.create("/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings", "{\"metadata\":{\"name\":"
        + "\"devs-edit\"},\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"ClusterRole\","
        + "\"name\":\"edit\"},\"subjects\":[{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"Group\","
        + "\"name\":\"devs\"}]}");
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void anonymousOnlyReachesHealthAndVersion() {
    Api anonymous = admin.as(null, null, null);
    for (String path : new String[] {"/api", "/apis", CMS, "/api/v1/namespaces/default", "/openapi/v3"}) {
      unauthorized(anonymous.get(path));
    }
    unauthorized(anonymous.send("POST", CMS, "application/json", "{\"metadata\":{\"name\":\"anon\"}}"));
    for (String path : new String[] {"/livez", "/readyz", "/healthz"}) {
      Response r = anonymous.get(path);
      assertEquals(200, r.code(), path);
      assertEquals("ok", r.text());
    }
    Response version = anonymous.get("/version");
    assertEquals(200, version.code());
    assertEquals("v1.32.0", version.json().path("gitVersion").asText());
    assertEquals(404, admin.get(CMS + "/anon").code(), "an anonymous write went through");
  }

  @Test
  void wrongTokenIsRejected() {
    unauthorized(admin.as("Bearer not-a-token", null, null).get(CMS));
    unauthorized(admin.as("Basic YWRtaW46YWRtaW4=", null, null).get(CMS));
    assertEquals(200, admin.get(CMS).code());
  }

  @Test
  void clientCertificateOfTheClusterCa() {
    ClientCert alice = Pki.loadOrCreate(dataDir(), List.of()).issueClient("alice", List.of("devs"));
    Api asAlice = as(alice, null);
    assertEquals(200, asAlice.get(CMS).code());
    // A failing token does not stop the certificate, as in kube's union authenticator.
    assertEquals(200, as(alice, "Bearer not-a-token").get(CMS).code());
  }

  @Test
  void certificateOfAnotherCaIsRejected() throws Exception {
    Path other = Files.createDirectories(dir.resolve("other-ca"));
    ClientCert mallory = Pki.loadOrCreate(other, List.of()).issueClient("mallory", List.of("system:masters"));
    unauthorized(as(mallory, null).get(CMS));
  }

  @Test
  void everyRecordCarriesItsActor() {
    ClientCert alice = Pki.loadOrCreate(dataDir(), List.of()).issueClient("alice", List.of("devs"));
    long before = System.currentTimeMillis();
    Response created = as(alice, null).send("POST", CMS, "application/json",
        "{\"metadata\":{\"name\":\"by-alice\"},\"data\":{\"a\":\"1\"}}");
    long after = System.currentTimeMillis();
    assertEquals(201, created.code(), created.text());
    String auditId = created.headers().firstValue("Audit-Id").orElse("");
    assertFalse(auditId.isEmpty(), "no Audit-Id header");
    Response patched = admin.send("PATCH", CMS + "/by-alice", "application/merge-patch+json",
        "{\"data\":{\"a\":\"2\"}}");
    assertEquals(200, patched.code(), patched.text());

    Command.Create create = (Command.Create) find(r -> r instanceof Command.Create c && c.key().endsWith("/by-alice"));
    assertEquals("alice", create.meta().actor());
    assertEquals(auditId, create.meta().requestId());
    assertTrue(create.meta().timeMillis() >= before && create.meta().timeMillis() <= after,
        before + " <= " + create.meta().timeMillis() + " <= " + after);
    JsonNode object = create.object();
    assertEquals("by-alice", object.path("metadata").path("name").asText());

    Command update = find(r -> r instanceof Command.Update u && u.key().endsWith("/by-alice"));
    assertEquals("admin", update.meta().actor());
    assertEquals(patched.headers().firstValue("Audit-Id").orElse(""), update.meta().requestId());
    assertFalse(update.meta().requestId().isEmpty());
  }

  /** The first record of the log that matches, read from offset 0. */
  private static Command find(java.util.function.Predicate<Command> match) {
    AtomicReference<Command> found = new AtomicReference<>();
    try (EventLog.Reader reader = cluster.log().reader(0)) {
      // The reader is a Kafka consumer: poll it from this thread only.
      await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
        for (LogEntry e : reader.poll(Duration.ofMillis(500))) {
          if (match.test(e.command())) {
            found.set(e.command());
            return true;
          }
        }
        return false;
      });
    }
    return found.get();
  }

  private static Api as(ClientCert cert, String authorization) {
    return admin.as(authorization, cert.certPem().getBytes(StandardCharsets.US_ASCII),
        cert.keyPem().getBytes(StandardCharsets.US_ASCII));
  }

  private static Path dataDir() {
    return dir.resolve("data");
  }

  private static void unauthorized(Response r) {
    Statuses.status(r, 401, "Unauthorized");
  }
}
