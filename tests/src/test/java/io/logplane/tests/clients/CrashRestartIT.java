package io.logplane.tests.clients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.replay.ReplayCommand;
import io.logplane.launcher.replay.Target;
import io.logplane.projections.RocksStore;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost (invariant 7): the real launcher jar as its own process, 200
 * concurrent creates each answered 201, then {@code kill -9} while a stream of creates keeps 32 in
 * flight ({@link WriteStream}), once 300 of them were answered; after
 * a restart on the same data directory every acknowledged object is there at the same
 * resourceVersion (unacknowledged ones may or may not be) and new writes go on above them. A
 * SIGTERM stops the server within 30 s and loses nothing either.
 */
class CrashRestartIT {

  static final String NS = "crash";

  @TempDir Path tmp;

  /** What an acknowledged create answered. */
  record Acked(String resourceVersion, String uid, JsonNode data) {}

  @Test
  void acknowledgedWritesSurviveKillNineAndCleanStop() throws Exception {
    Path data = tmp.resolve("data");
    int port = ServerProcess.freePort();
    Map<String, Acked> acked = new TreeMap<>();
    try (ServerProcess first = ServerProcess.start(data, port, "first")) {
      Api api = Api.of(data.resolve("kubeconfig"));
      assertEquals(201, api.send("POST", "/api/v1/namespaces", Manifests.namespace(NS)).code());
      acked.putAll(createConcurrently(api, "cm-", 200));
      WriteStream stream = WriteStream.start(i -> create(api, "inflight-", i), 32);
      Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
          .until(() -> stream.answered() >= 300);
      ProcessHandle handle = first.handle();
      assertTrue(handle.supportsNormalTermination(), "destroy() must be SIGTERM, destroyForcibly() SIGKILL");
      stream.killing();
      assertEquals(128 + 9, first.kill(), "exit status of a process killed by SIGKILL");
      assertFalse(handle.isAlive());
      WriteStream.Outcome outcome = stream.outcome();
      assertTrue(outcome.cut() > 0, "the kill came while writes were in flight");
      acked.putAll(outcome.acked());
    }
    long before = maxVersion(acked);

    try (ServerProcess second = ServerProcess.start(data, port, "after-kill")) {
      Api api = Api.of(data.resolve("kubeconfig"));
      Map<String, Acked> found = list(api);
      for (Map.Entry<String, Acked> a : acked.entrySet()) {
        assertEquals(a.getValue(), found.get(a.getKey()), "acknowledged " + a.getKey());
      }
      for (String name : found.keySet()) {
        assertTrue(acked.containsKey(name) || name.startsWith("inflight-"), "never written: " + name);
      }
      acked.putAll(found);
      Map<String, Acked> more = createConcurrently(api, "more-", 50);
      long min = more.values().stream().mapToLong(a -> Long.parseLong(a.resourceVersion())).min().orElseThrow();
      assertTrue(min > before, "new writes continue above the old resourceVersions: " + min + " <= " + before);
      acked.putAll(more);
      assertEquals(128 + 15, second.stop(), "exit status after SIGTERM with the shutdown hook run");
      assertFalse(second.output().contains("shutdown step failed"), second.tail());
    }

    try (ServerProcess third = ServerProcess.start(data, port, "after-term")) {
      Api api = Api.of(data.resolve("kubeconfig"));
      assertAllThere(api, acked);
      assertEquals(128 + 15, third.stop());
    }
    changelogCoversTheWholeLogAcrossTheRestarts(data);
  }

  /**
   * The changelog the three servers appended is one unbroken chain of change sets, although the
   * second one applied again what the kill had kept its store from flushing: a replay loads the
   * whole log from it, deciding nothing, into the bytes of the store the servers left.
   */
  private void changelogCoversTheWholeLogAcrossTheRestarts(Path data) {
    long applied;
    byte[] live;
    try (RocksStore store = RocksStore.open(data.resolve("state"))) {
      applied = store.appliedOffset();
      live = store.hash();
    }
    ReplayCommand.Result r = ReplayCommand.run(data, new Target.Offset(applied), tmp.resolve("replayed"), null,
        false, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
    try (RocksStore replayed = r.store()) {
      assertEquals(applied + 1, r.stats().applied());
      assertEquals(applied + 1, r.stats().restored(), () -> "decided again: " + r.stats());
      assertArrayEquals(live, replayed.hash());
    }
  }

  private static List<CompletableFuture<Response>> send(Api api, String prefix, int n) {
    List<CompletableFuture<Response>> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      calls.add(create(api, prefix, i));
    }
    return calls;
  }

  /** The create of ConfigMap {@code prefix + i}, with a payload of its own length. */
  private static CompletableFuture<Response> create(Api api, String prefix, int i) {
    return api.sendAsync("POST", "/api/v1/namespaces/" + NS + "/configmaps",
        Manifests.configMap(prefix + i, "payload", prefix + i + "-" + "x".repeat(i % 64)));
  }

  private static Map<String, Acked> createConcurrently(Api api, String prefix, int n) throws Exception {
    Map<String, Acked> out = new TreeMap<>();
    for (CompletableFuture<Response> call : send(api, prefix, n)) {
      Response r = call.get();
      assertEquals(201, r.code(), r::text);
      out.put(r.json().path("metadata").path("name").asText(), acked(r.json()));
    }
    assertEquals(n, out.size());
    return out;
  }

  static Acked acked(JsonNode object) {
    JsonNode meta = object.path("metadata");
    return new Acked(meta.path("resourceVersion").asText(), meta.path("uid").asText(), object.path("data"));
  }

  private static Map<String, Acked> list(Api api) throws Exception {
    Response list = api.send("GET", "/api/v1/namespaces/" + NS + "/configmaps", null);
    assertEquals(200, list.code(), list::text);
    Map<String, Acked> found = new TreeMap<>();
    for (JsonNode item : list.json().path("items")) {
      String name = item.path("metadata").path("name").asText();
      if (!name.equals("kube-root-ca.crt")) { // the root CA publisher's, in every namespace
        found.put(name, acked(item));
      }
    }
    return found;
  }

  private static void assertAllThere(Api api, Map<String, Acked> acked) throws Exception {
    assertEquals(acked, list(api));
    String some = acked.keySet().iterator().next();
    Response one = api.send("GET", "/api/v1/namespaces/" + NS + "/configmaps/" + some, null);
    assertEquals(200, one.code());
    assertEquals(acked.get(some).resourceVersion(), one.resourceVersion());
  }

  private static long maxVersion(Map<String, Acked> acked) {
    return acked.values().stream().mapToLong(a -> Long.parseLong(a.resourceVersion())).max().orElseThrow();
  }
}
