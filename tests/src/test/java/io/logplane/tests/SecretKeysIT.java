package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import io.logplane.launcher.Main;
import io.logplane.launcher.logging.Logs;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Secrets at rest across a key rotation ({@code logplane keys rotate}): stored Secrets are
 * re-sealed with the new generation's keys through the write path (the history and the audit
 * trail show the re-seal, events tell the rotation), their values read the same, the old keys
 * are destroyed so a past version sealed with them is shredded even for the admin, only who may
 * use the path rotates; and after the rotation and a deletion, no Secret value is in the log, the
 * changelog, RocksDB, the history and audit views, the audit export, the metrics or the server's
 * log files.
 */
class SecretKeysIT {

  private static final String HISTORY = "/apis/history.logplane.io/v1";

  @TempDir static Path dir;

  @AfterAll
  static void consoleLogs() {
    Logs.console(null);
  }

  @Test
  void aRotationResealsEverySecretAndLeavesNoValueAnywhere() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String first = "first-" + run;
    String second = "second-" + run;
    String kept = "kept-" + run;
    List<String> values = new ArrayList<>();
    for (String v : List.of(first, second, kept)) {
      values.add(v);
      values.add(Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)));
    }
    List<String> bodies = new ArrayList<>();
    Logs.server(dir, null);
    try (Cluster cluster = Cluster.start(new Cluster.Options(dir, "127.0.0.1", 0, 0, null, 1))) {
      Api admin = Api.of(cluster.kubeconfig());
      Kubectl kubectl = new Kubectl(cluster.kubeconfig(), dir);
      kubectl.ok("create", "namespace", "vault");
      kubectl.ok("-n", "vault", "create", "secret", "generic", "db", "--from-literal=password=" + first);
      String past = kubectl.ok("-n", "vault", "get", "secret", "db", "-o", "jsonpath={.metadata.resourceVersion}").out();
      kubectl.ok("-n", "vault", "patch", "secret", "db", "-p", "{\"stringData\":{\"password\":\"" + second + "\"}}");
      kubectl.ok("-n", "vault", "create", "secret", "generic", "kept", "--from-literal=password=" + kept);
      String pastRead = "/api/v1/namespaces/vault/secrets/db?resourceVersion=" + past + "&resourceVersionMatch=Exact";
      assertEquals(b64(first), admin.get(pastRead).json().at("/data/password").asText(), "the admin unseals the past");

      Kubectl.Result refused = kubectl.run("--as=alice", "get", "--raw", "/logplane/v1/secretkeys");
      assertTrue(refused.err().contains("User \"alice\" cannot get path \"/logplane/v1/secretkeys\""), refused.all());
      assertEquals(1, logplane(new StringWriter(), "keys", "status", "--kubeconfig",
          userKubeconfig(kubectl, "alice").toString()), "no status for who may not read it");

      StringWriter out = new StringWriter();
      assertEquals(0, logplane(out, "keys", "rotate", "--wait", "--kubeconfig", cluster.kubeconfig().toString()),
          out.toString());
      assertTrue(out.toString().contains("Every stored Secret is sealed with key generation 2"), out.toString());
      JsonNode status = admin.get("/logplane/v1/secretkeys").json();
      assertEquals(2, status.path("generation").asInt(), status.toString());
      assertFalse(status.path("resealing").asBoolean(), status.toString());
      assertFalse(status.path("secretsByGeneration").has("1"), status.toString());
      assertTrue(status.path("secretsByGeneration").path("2").asInt() >= 2, status.toString());
      StringWriter table = new StringWriter();
      assertEquals(0, logplane(table, "keys", "status", "--kubeconfig", cluster.kubeconfig().toString()));
      assertTrue(table.toString().contains("false"), table.toString());

      assertEquals(b64(kept), kubectl.json("-n", "vault", "get", "secret", "kept").at("/data/password").asText(),
          "a re-sealed Secret reads the same");
      assertEquals(b64(second), kubectl.json("-n", "vault", "get", "secret", "db").at("/data/password").asText());
      JsonNode shredded = admin.get(pastRead).json();
      assertTrue(shredded.path("data").isMissingNode(), shredded.toString());
      assertEquals("true", shredded.at("/metadata/annotations/logplane.io~1shredded").asText(),
          "a version sealed with a retired key is gone, for the admin too: " + shredded);

      JsonNode versions = admin.get(HISTORY + "/namespaces/vault/versions?fieldSelector="
          + URLEncoder.encode("target.resource=secrets,target.name=kept", StandardCharsets.UTF_8)).json();
      JsonNode last = versions.path("items").get(versions.path("items").size() - 1);
      assertEquals("system:logplane:secret-resealer", last.path("actor").asText(), versions.toString());
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        String events = kubectl.ok("get", "events", "-n", "default").out();
        return events.contains("KeyRotated") && events.contains("SecretsResealed");
      });

      kubectl.ok("-n", "vault", "delete", "secret", "db");
      bodies.add(admin.get(HISTORY + "/namespaces/vault/versions?includeObject=Object").text());
      bodies.add(admin.get(HISTORY + "/auditevents?fieldSelector=" + URLEncoder.encode("namespace=vault",
          StandardCharsets.UTF_8)).text());
      bodies.add(admin.get(HISTORY + "/auditevents?format=audit.k8s.io", "*/*").text());
      bodies.add(admin.get("/metrics").text());
      bodies.add(kubectl.ok("get", "versions.history.logplane.io", "-n", "vault", "-o", "yaml").out());
      bodies.add(kubectl.ok("get", "--raw", "/api/v1/namespaces/vault/secrets?watch=1&resourceVersion=1"
          + "&timeoutSeconds=2").out().replace(b64(kept), "<the live value>"));
    }
    for (String body : bodies) {
      for (String v : values) {
        assertFalse(body.contains(v), "a Secret's value in: " + body);
      }
    }
    assertEquals(List.of(), SecretSearch.inTopic(dir, Cluster.TOPIC, values), "the log");
    assertEquals(List.of(), SecretSearch.inTopic(dir, Cluster.CHANGES, values), "the changelog");
    assertEquals(List.of(), SecretSearch.inState(dir, values), "RocksDB");
    assertEquals(List.of(), SecretSearch.inLogs(dir, values), "the server's log files");
    assertFalse(SecretSearch.inLogs(dir, List.of("key generation 2")).isEmpty(), "the log files were searched");
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A kubeconfig of the admin's whose user is service account {@code vault/name}. */
  private static Path userKubeconfig(Kubectl kubectl, String name) throws Exception {
    Path file = dir.resolve(name + ".kubeconfig");
    java.nio.file.Files.writeString(file, kubectl.ok("config", "view", "--raw").out());
    kubectl.ok("create", "serviceaccount", name, "-n", "vault");
    String token = kubectl.ok("create", "token", name, "-n", "vault").out().strip();
    kubectl.ok("--kubeconfig", file.toString(), "config", "set-credentials", name, "--token=" + token);
    kubectl.ok("--kubeconfig", file.toString(), "config", "set-context", "--current", "--user=" + name);
    return file;
  }

  private static int logplane(StringWriter out, String... args) {
    CommandLine cl = Main.commandLine(args);
    PrintWriter w = new PrintWriter(out, true);
    cl.setOut(w).setErr(w);
    return cl.execute(args);
  }
}
