package io.logplane.tests.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.broker.EmbeddedKafka;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import io.logplane.tests.http.WsWatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Logplane processes on one Kafka, each with its own projection, answer as one API server:
 * what is written through one is read back at once through the other with resourceVersion unset
 * (a linearizable read waits for its projection to reach the log's end), and watches through
 * either see the same events in the same order, with the same resourceVersions. Started on one
 * {@code --shared-dir}, they are one cluster to a client: one kubeconfig, one service-account
 * token and one Secret serve through either.
 */
class ReplicasIT {

  private static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";

  @TempDir static Path dir;
  static EmbeddedKafka kafka;
  static Replica a;
  static Replica b;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
    String[] shared = {"--replication-factor", "1", "--shared-dir", dir.resolve("shared").toString()};
    a = Replica.start(dir.resolve("a"), kafka.bootstrap(), shared);
    b = Replica.start(dir.resolve("b"), kafka.bootstrap(), shared);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {b, a, kafka}) {
      if (c != null) {
        c.close();
      }
    }
  }

  @Test
  void aWriteThroughOneIsReadAtOnceThroughTheOther() throws Exception {
    Api[] apis = {a.api(), b.api()};
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        int client = c;
        all.add(clients.submit(() -> {
          for (int i = 0; i < 40; i++) {
            Api writer = apis[(client + i) % 2];
            Api reader = apis[(client + i + 1) % 2];
            String name = "rw-" + client + "-" + i;
            Response created = writer.send("POST", CONFIGMAPS, configMap(name, "v" + i));
            assertEquals(201, created.code(), created.text());
            Response read = reader.get(CONFIGMAPS + "/" + name);
            assertEquals(200, read.code(), "written through one, read through the other: " + read.text());
            assertEquals(created.resourceVersion(), read.resourceVersion());
            Response updated = reader.send("PUT", CONFIGMAPS + "/" + name, read.json());
            assertEquals(200, updated.code(), updated.text());
            assertEquals(updated.resourceVersion(), writer.get(CONFIGMAPS + "/" + name).resourceVersion());
          }
          return null;
        }));
      }
      for (Future<?> f : all) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void watchesThroughEitherSeeTheSameEventsInTheSameOrder() throws Exception {
    String from = a.api().get(CONFIGMAPS).json().at("/metadata/resourceVersion").asText();
    String path = "/api/v1/namespaces/default/configmaps?watch=true&labelSelector=watched%3Dyes&resourceVersion=" + from;
    try (WsWatch wa = a.api().watch(path); WsWatch wb = b.api().watch(path)) {
      Api[] apis = {a.api(), b.api()};
      for (int i = 0; i < 30; i++) {
        String name = "w-" + i;
        JsonNode cm = configMap(name, "v");
        ((com.fasterxml.jackson.databind.node.ObjectNode) cm.path("metadata")).putObject("labels").put("watched", "yes");
        assertEquals(201, apis[i % 2].send("POST", CONFIGMAPS, cm).code());
        if (i % 3 == 0) {
          assertEquals(200, apis[(i + 1) % 2].send("DELETE", CONFIGMAPS + "/" + name, null).code());
        }
      }
      for (int i = 0; i < 40; i++) {
        JsonNode ea = wa.next(30);
        JsonNode eb = wb.next(30);
        assertEquals(summary(ea), summary(eb), "event " + i);
      }
    }
  }

  @Test
  void oneKubeconfigOneTokenAndOneSecretServeThroughEither() throws Exception {
    // a's kubeconfig, pointed at b: b presents a certificate of the same CA and knows the token
    Path aToB = dir.resolve("a-to-b.kubeconfig");
    Files.writeString(aToB, Files.readString(a.kubeconfig()).replace(a.api().server().toString(),
        b.api().server().toString()));
    Api viaB = Api.of(aToB);
    assertEquals(200, viaB.get("/api/v1/namespaces/default").code());

    Response secret = a.api().send("POST", "/api/v1/namespaces/default/secrets", "application/json",
        "{\"metadata\":{\"name\":\"shared\"},\"stringData\":{\"password\":\"s3cr3t\"}}");
    assertEquals(201, secret.code(), secret.text());
    Response read = viaB.get("/api/v1/namespaces/default/secrets/shared");
    assertEquals(200, read.code(), read.text());
    assertEquals("czNjcjN0", read.json().at("/data/password").asText(), "sealed by a, opened by b: " + read.text());

    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> a.api()
        .get("/api/v1/namespaces/default/serviceaccounts/default").code() == 200);
    Response issued = a.api().send("POST", "/api/v1/namespaces/default/serviceaccounts/default/token",
        "application/json", "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\",\"spec\":{}}");
    assertEquals(201, issued.code(), issued.text());
    Api robotViaB = b.api().as("Bearer " + issued.json().at("/status/token").asText(), null, null);
    Response review = robotViaB.send("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", "application/json",
        "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}");
    assertEquals(201, review.code(), "a token a signed, through b: " + review.text());
    assertEquals("system:serviceaccount:default:default", review.json().at("/status/userInfo/username").asText());

    // deleted through b, the Secret's data key is gone from the shared directory (crypto-shredding)
    String uid = secret.json().at("/metadata/uid").asText();
    Path key = dir.resolve("shared").resolve("keys").resolve("secrets").resolve(uid + ".key");
    assertTrue(Files.exists(key), key.toString());
    assertEquals(200, b.api().send("DELETE", "/api/v1/namespaces/default/secrets/shared", null).code());
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(key));
  }

  private static String summary(JsonNode event) {
    JsonNode m = event.path("object").path("metadata");
    return event.path("type").asText() + " " + m.path("name").asText() + " " + m.path("resourceVersion").asText();
  }

  private static JsonNode configMap(String name, String value) {
    com.fasterxml.jackson.databind.node.ObjectNode o = Api.JSON.createObjectNode().put("apiVersion", "v1")
        .put("kind", "ConfigMap");
    o.putObject("metadata").put("name", name);
    o.putObject("data").put("v", value);
    return o;
  }
}
