package io.logplane.tests.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.launcher.Cluster;
import io.logplane.launcher.replay.ReplayCommand;
import io.logplane.launcher.replay.ReplayServer;
import io.logplane.launcher.replay.Target;
import io.logplane.projections.Json;
import io.logplane.projections.RocksStore;
import io.logplane.projections.Store;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import io.logplane.tests.http.WsWatch;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A cluster writes ConfigMaps over a few offsets and stops; {@code logplane replay} rebuilds
 * the state at the middle offset (by resourceVersion and by time) from its log, exactly as
 * the original store's time travel shows it, replays the whole log to a byte-identical store,
 * and serves the middle state read-only over HTTPS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayIT {

  private static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";

  @TempDir static Path dir;
  private long mid;
  private long last;
  private Instant midTime;
  private Map<String, String> expectedAtMid;
  private byte[] originalHash;

  @BeforeAll
  void writeHistoryAndStop() throws Exception {
    try (Cluster cluster = Cluster.start(new Cluster.Options(dir, "127.0.0.1", 0, 0, null, 1))) {
      Api api = Api.of(cluster.kubeconfig());
      rv(api.send("POST", CONFIGMAPS, configMap("a", "1")), 201);
      long a2 = rv(api.send("PUT", CONFIGMAPS + "/a", configMap("a", "2")), 200);
      mid = rv(api.send("POST", CONFIGMAPS, configMap("b", "1")), 201);
      midTime = Instant.ofEpochMilli(System.currentTimeMillis());
      while (System.currentTimeMillis() <= midTime.toEpochMilli()) {
        Thread.onSpinWait(); // later records must carry a later millisecond
      }
      assertEquals(200, api.send("DELETE", CONFIGMAPS + "/a", null).code());
      rv(api.send("PUT", CONFIGMAPS + "/b", configMap("b", "2")), 200);
      // Services created at once: their cluster IPs and node ports are decided inside apply(), so a
      // replay that decides every record again must give each the same addresses.
      java.util.List<java.util.concurrent.CompletableFuture<Response>> services = new java.util.ArrayList<>();
      for (int i = 0; i < 12; i++) {
        services.add(api.sendAsync("POST", "/api/v1/namespaces/default/services", service("s" + i)));
      }
      for (java.util.concurrent.CompletableFuture<Response> s : services) {
        assertEquals(201, s.get().code(), s.get().text());
      }
      last = rv(api.send("POST", CONFIGMAPS, configMap("c", "1")), 201);
      assertTrue(a2 < mid && mid < last);
      Store store = cluster.projection().store();
      cluster.projection().awaitApplied(last).get();
      try (Store.Snapshot past = store.at(mid)) {
        expectedAtMid = objects(past, "");
      }
      originalHash = store.hash();
    }
    assertEquals("2", Json.object(expectedAtMid.get("core/configmaps/default/a").getBytes(StandardCharsets.UTF_8))
        .path("data").path("v").asText());
  }

  @Test
  void replayToAResourceVersionHoldsExactlyTheStateThen() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine cmd = new CommandLine(new ReplayCommand());
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = cmd.execute("--to", Long.toString(mid), "--data-dir", dir.toString());
    } finally {
      System.setErr(new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true));
    }
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("events/s"), err.toString(StandardCharsets.UTF_8));
    try (RocksStore store = RocksStore.open(dir.resolve("replays").resolve(Long.toString(mid)).resolve("state"));
        Store.Snapshot now = store.snapshot()) {
      assertEquals(mid, store.appliedOffset());
      assertEquals(expectedAtMid, objects(now, ""));
    }
  }

  @Test
  void replayOfTheWholeLogIsByteIdenticalToTheLiveStore() {
    ReplayCommand.Result r = run(new Target.Offset(last), "full");
    try (RocksStore store = r.store()) {
      assertArrayEquals(originalHash, store.hash());
      assertTrue(r.stats().restored() > 0, "the live projection's change sets were loaded: " + r.stats());
    }
  }

  @Test
  void replayDecidingEveryRecordAgainIsByteIdenticalToo() {
    ReplayCommand.Result r = ReplayCommand.run(dir, new Target.Offset(last), dir.resolve("decided"), null, true,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
    try (RocksStore store = r.store()) {
      assertEquals(0, r.stats().restored(), r.stats().toString());
      assertEquals(last + 1, r.stats().applied());
      assertArrayEquals(originalHash, store.hash());
    }
  }

  @Test
  void replayToATimeStopsAtTheLastRecordBeforeIt() {
    ReplayCommand.Result r = run(Target.parse(midTime.toString()), "by-time");
    try (RocksStore store = r.store(); Store.Snapshot now = store.snapshot()) {
      // The controllers may append between the test's write at mid and its reading of the clock
      // (a CI run saw 13 such records): the time's last record is mid or one of theirs, and the
      // test's next write, a millisecond later at least, is not in the replay.
      assertTrue(mid <= r.target() && r.target() < last, mid + " <= " + r.target() + " < " + last);
      assertEquals(ours(expectedAtMid), ours(objects(now, "")));
      if (r.target() == mid) {
        assertEquals(expectedAtMid, objects(now, ""));
      }
    }
  }

  /** The test's own ConfigMaps of a state. */
  private static Map<String, String> ours(Map<String, String> objects) {
    Map<String, String> out = new TreeMap<>();
    objects.forEach((key, json) -> {
      if (key.equals("core/configmaps/default/a") || key.equals("core/configmaps/default/b")) {
        out.put(key, json);
      }
    });
    return out;
  }

  @Test
  void servesTheReplayedStateReadOnly() throws Exception {
    ReplayCommand.Result r = run(new Target.Offset(mid), "served");
    try (RocksStore store = r.store();
        ReplayServer server = ReplayServer.start(store, dir, dir.resolve("served").resolve("kubeconfig"),
            "127.0.0.1", 0)) {
      Api api = Api.of(server.kubeconfig());
      Response list = api.get(CONFIGMAPS);
      assertEquals(200, list.code(), list.text());
      assertEquals(Long.toString(mid), list.resourceVersion());
      Map<String, String> names = new TreeMap<>();
      for (JsonNode item : list.json().path("items")) {
        String name = item.path("metadata").path("name").asText();
        if (!name.equals("kube-root-ca.crt")) { // the root CA publisher's
          names.put(name, item.path("data").path("v").asText());
        }
      }
      assertEquals(Map.of("a", "2", "b", "1"), names);
      assertEquals("2", api.get(CONFIGMAPS + "/a").json().path("data").path("v").asText());
      assertEquals(404, api.get(CONFIGMAPS + "/c").code());

      for (Response refused : new Response[] {api.send("POST", CONFIGMAPS, configMap("d", "1")),
          api.send("PUT", CONFIGMAPS + "/a", configMap("a", "3")), api.send("DELETE", CONFIGMAPS + "/a", null)}) {
        assertEquals(405, refused.code());
        assertEquals("MethodNotAllowed", refused.json().path("reason").asText());
        assertTrue(refused.json().path("message").asText().contains("read-only replay of the log at resourceVersion "
            + mid), refused.text());
      }
      assertEquals("2", api.get(CONFIGMAPS + "/a").json().path("data").path("v").asText());
      // A watch ends at timeoutSeconds, after its catch-up from the history (the server starts
      // that timer once the catch-up is queued): the whole stream holds every event it would send.
      // 5 s, not 1: on a loaded machine the catch-up of the WebSocket watch took longer than 1 s.
      Response watch = api.get(CONFIGMAPS + "?watch=true&resourceVersion=" + mid + "&timeoutSeconds=1");
      assertEquals(200, watch.code(), watch.text());
      assertTrue(!watch.text().contains("\"ADDED\"") && !watch.text().contains("\"MODIFIED\""), watch.text());
      // the root CA publisher's ConfigMap aside: when it was written among a and b is the controller's timing
      try (WsWatch ws = api.watch(CONFIGMAPS + "?watch=true&resourceVersion=1&timeoutSeconds=5"
          + "&fieldSelector=metadata.name!%3Dkube-root-ca.crt")) {
        expect(ws.next(20), "ADDED", "a");
        expect(ws.next(20), "MODIFIED", "a");
        expect(ws.next(20), "ADDED", "b");
        // The end of the watch, after anything else it would send: nothing beyond resourceVersion mid.
        expect(ws.next(20), "CLOSED", "");
      }
      assertEquals(200, api.get("/api").code());
      assertEquals(200, api.get("/apis").code());
      assertEquals(200, api.get("/openapi/v3").code());
    }
  }

  private ReplayCommand.Result run(Target target, String out) {
    return ReplayCommand.run(dir, target, dir.resolve(out), null, false,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
  }

  private static long rv(Response reply, int code) {
    assertEquals(code, reply.code(), reply.text());
    return Long.parseLong(reply.resourceVersion());
  }

  private static void expect(JsonNode event, String type, String name) {
    assertEquals(type, event.path("type").asText(), event.toString());
    assertEquals(name, event.path("object").path("metadata").path("name").asText(), event.toString());
  }

  private static ObjectNode service(String name) {
    ObjectNode o = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Service");
    o.putObject("metadata").put("name", name).put("namespace", "default");
    ObjectNode spec = o.putObject("spec").put("type", "NodePort");
    spec.putArray("ports").addObject().put("port", 80);
    return o;
  }

  private static ObjectNode configMap(String name, String value) {
    ObjectNode o = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
    o.putObject("metadata").put("name", name).put("namespace", "default");
    o.putObject("data").put("v", value);
    return o;
  }

  /**
   * The objects under {@code prefix}, as the API serves them: without the state machine's
   * {@code internal/} keys (allocations, class indexes), which a replay rebuilds but the
   * history's view of a past version does not hold.
   */
  private static Map<String, String> objects(Store.Snapshot view, String prefix) {
    Map<String, String> out = new TreeMap<>();
    view.scan(prefix, null, (key, json) -> {
      if (key.startsWith("internal/")) {
        return true;
      }
      out.put(key, new String(json, StandardCharsets.UTF_8));
      return true;
    });
    return out;
  }
}
