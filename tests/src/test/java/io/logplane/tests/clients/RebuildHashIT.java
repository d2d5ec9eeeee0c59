package io.logplane.tests.clients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.launcher.Cluster;
import io.logplane.projections.RocksStore;
import io.logplane.tests.SecretSearch;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log is the truth (invariant 1): after a mix of creates, updates, patches, deletes, a
 * rejected write, Secrets and a namespace delete that cascades, the RocksDB state rebuilt from
 * the log alone (the state directory deleted) is byte-identical to the state the server built
 * while it served those writes; and neither the log nor the changelog holds a Secret's value.
 */
class RebuildHashIT {

  @TempDir Path dir;

  /** The applied offset, the SHA-256 over every key and value, and how many keys namespaces hold. */
  record Digest(long applied, byte[] hash, int keep, int doomed) {}

  @Test
  void stateRebuiltFromTheLogIsByteIdentical() throws Exception {
    try (Cluster cluster = start(true)) {
      writeMix(Api.of(cluster.kubeconfig()));
    }
    // The controllers wrote till the end (Lease renewals, events sent just before the stop): the
    // state is read once a server without them applied the whole log.
    long end;
    try (Cluster cluster = start(false)) {
      end = cluster.log().endOffset().get(30, TimeUnit.SECONDS);
      cluster.projection().awaitApplied(end - 1).get(60, TimeUnit.SECONDS);
    }
    noPlaintextSecretIn(Cluster.TOPIC);
    noPlaintextSecretIn(Cluster.CHANGES);
    Digest served = digest();
    assertEquals(end - 1, served.applied(), "the served state had applied the whole log");
    assertEquals(0, served.doomed(), "the namespace delete cascaded");
    assertTrue(served.keep() >= 9, "8 ConfigMaps and a Secret stay in namespace keep: " + served.keep());

    deleteRecursively(dir.resolve("state"));
    assertFalse(Files.exists(dir.resolve("state")));
    try (Cluster cluster = start(false)) {
      assertEquals(end, cluster.log().endOffset().get(30, TimeUnit.SECONDS), "a restart appends nothing");
      cluster.projection().awaitApplied(end - 1).get(120, TimeUnit.SECONDS);
      assertEquals(end - 1, cluster.projection().appliedOffset());
    }
    Digest rebuilt = digest();
    assertEquals(served.applied(), rebuilt.applied());
    assertEquals(served.keep(), rebuilt.keep());
    assertArrayEquals(served.hash(), rebuilt.hash(), () -> HexFormat.of().formatHex(served.hash()) + " != "
        + HexFormat.of().formatHex(rebuilt.hash()));
  }

  /** Invariant 8, for the log and for the changelog that carries the store's bytes. */
  private void noPlaintextSecretIn(String topic) {
    String marker = "\"name\":\"cm-7\"";
    List<String> found = SecretSearch.inTopic(dir, topic, List.of("hunter2", "aHVudGVyMi", marker));
    assertTrue(found.stream().anyMatch(f -> f.endsWith(marker)), topic + ": the records were searched as the objects' JSON");
    assertEquals(List.of(), found.stream().filter(f -> !f.endsWith(marker)).toList(), topic + " holds a Secret's value");
  }

  private Cluster start(boolean controllers) throws Exception {
    return Cluster.start(new Cluster.Options(dir, "127.0.0.1", 0, 0, null, 1, controllers));
  }

  private Digest digest() {
    try (RocksStore store = RocksStore.open(dir.resolve("state"))) {
      return new Digest(store.appliedOffset(), store.hash(), store.keysInNamespace("keep").size(),
          store.keysInNamespace("doomed").size());
    }
  }

  private static void writeMix(Api api) throws Exception {
    for (String ns : new String[] {"keep", "doomed"}) {
      expect(201, api.send("POST", "/api/v1/namespaces", Manifests.namespace(ns)));
      for (int i = 0; i < 10; i++) {
        expect(201, api.send("POST", cms(ns), Manifests.configMap("cm-" + i, "i", Integer.toString(i))));
      }
      ObjectNode secret = Api.JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Secret");
      secret.putObject("metadata").put("name", "creds");
      secret.putObject("stringData").put("password", "hunter2-" + ns);
      expect(201, api.send("POST", "/api/v1/namespaces/" + ns + "/secrets", secret));
    }
    JsonNode stale = api.send("GET", cms("keep") + "/cm-0", null).json();
    for (int i = 0; i < 3; i++) {
      ObjectNode cm = (ObjectNode) api.send("GET", cms("keep") + "/cm-" + i, null).json();
      ((ObjectNode) cm.get("data")).put("updated", "yes");
      expect(200, api.send("PUT", cms("keep") + "/cm-" + i, cm));
    }
    expect(409, api.send("PUT", cms("keep") + "/cm-0", stale));
    expect(409, api.send("POST", cms("keep"), Manifests.configMap("cm-5", "i", "again")));
    expect(200, api.send("DELETE", cms("keep") + "/cm-8", null));
    expect(200, api.send("DELETE", cms("keep") + "/cm-9", null));
    expect(404, api.send("DELETE", cms("keep") + "/cm-9", null));
    expect(200, api.send("DELETE", "/api/v1/namespaces/doomed", null));
    // The namespace terminates; the namespace controller empties it, then it goes.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
        .until(() -> api.send("GET", "/api/v1/namespaces/doomed", null).code() == 404);
    Response left = api.send("GET", cms("doomed"), null);
    assertTrue(left.code() != 200 || left.json().path("items").isEmpty(), () -> "cascade left " + left.text());
  }

  private static String cms(String ns) {
    return "/api/v1/namespaces/" + ns + "/configmaps";
  }

  private static void expect(int status, Response r) {
    assertEquals(status, r.code(), r::text);
  }

  private static void deleteRecursively(Path root) throws Exception {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
