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
      Api api = new Api(cluster.kubeconfig());
      rv(api.send("POST", CONFIGMAPS, configMap("a", "1")), 201);
      long a2 = rv(api.send("PUT", CONFIGMAPS + "/a", configMap("a", "2")), 200);
      mid = rv(api.send("POST", CONFIGMAPS, configMap("b", "1")), 201);
      midTime = Instant.ofEpochMilli(System.currentTimeMillis());
      while (System.currentTimeMillis() <= midTime.toEpochMilli()) {
        Thread.onSpinWait(); // later records must carry a later millisecond
      }
      assertEquals(200, api.send("DELETE", CONFIGMAPS + "/a", null).code());
      rv(api.send("PUT", CONFIGMAPS + "/b", configMap("b", "2")), 200);
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
      assertEquals(mid, r.target());
      assertEquals(expectedAtMid, objects(now, ""));
    }
  }

  @Test
  void servesTheReplayedStateReadOnly() throws Exception {
    ReplayCommand.Result r = run(new Target.Offset(mid), "served");
    try (RocksStore store = r.store();
        ReplayServer server = ReplayServer.start(store, dir, dir.resolve("served").resolve("kubeconfig"),
            "127.0.0.1", 0)) {
      Api api = new Api(server.kubeconfig());
      Api.Reply list = api.get(CONFIGMAPS);
      assertEquals(200, list.code(), list.body().toString());
      assertEquals(Long.toString(mid), list.body().path("metadata").path("resourceVersion").asText());
      Map<String, String> names = new TreeMap<>();
      for (JsonNode item : list.body().path("items")) {
        names.put(item.path("metadata").path("name").asText(), item.path("data").path("v").asText());
      }
      assertEquals(Map.of("a", "2", "b", "1"), names);
      assertEquals("2", api.get(CONFIGMAPS + "/a").body().path("data").path("v").asText());
      assertEquals(404, api.get(CONFIGMAPS + "/c").code());

      for (Api.Reply refused : new Api.Reply[] {api.send("POST", CONFIGMAPS, configMap("d", "1")),
          api.send("PUT", CONFIGMAPS + "/a", configMap("a", "3")), api.send("DELETE", CONFIGMAPS + "/a", null)}) {
        assertEquals(405, refused.code());
        assertEquals("MethodNotAllowed", refused.body().path("reason").asText());
        assertTrue(refused.body().path("message").asText().contains("read-only replay of the log at resourceVersion "
            + mid), refused.body().toString());
      }
      assertEquals("2", api.get(CONFIGMAPS + "/a").body().path("data").path("v").asText());
      String watch = api.text(CONFIGMAPS + "?watch=true&resourceVersion=" + mid + "&timeoutSeconds=1");
      assertTrue(watch.startsWith("200") && !watch.contains("\"ADDED\"") && !watch.contains("\"MODIFIED\""), watch);
      java.util.List<String> ws = api.webSocketMessages(CONFIGMAPS + "?watch=true&resourceVersion=1", 4);
      assertEquals(3, ws.size(), () -> "a WebSocket watch through the replay server: " + ws);
      assertTrue(ws.get(0).contains("\"ADDED\"") && ws.get(0).contains("\"name\":\"a\""), ws.get(0));
      assertTrue(ws.get(1).contains("\"MODIFIED\"") && ws.get(1).contains("\"name\":\"a\""), ws.get(1));
      assertTrue(ws.get(2).contains("\"ADDED\"") && ws.get(2).contains("\"name\":\"b\""), ws.get(2));
      assertEquals(200, api.get("/api").code());
      assertEquals(200, api.get("/apis").code());
      assertEquals(200, api.get("/openapi/v3").code());
    }
  }

  private ReplayCommand.Result run(Target target, String out) {
    return ReplayCommand.run(dir, target, dir.resolve(out), null, false,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
  }

  private static long rv(Api.Reply reply, int code) {
    assertEquals(code, reply.code(), reply.body().toString());
    return Long.parseLong(reply.body().path("metadata").path("resourceVersion").asText());
  }

  private static ObjectNode configMap(String name, String value) {
    ObjectNode o = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
    o.putObject("metadata").put("name", name).put("namespace", "default");
    o.putObject("data").put("v", value);
    return o;
  }

  private static Map<String, String> objects(Store.Snapshot view, String prefix) {
    Map<String, String> out = new TreeMap<>();
    view.scan(prefix, null, (key, json) -> {
      out.put(key, new String(json, StandardCharsets.UTF_8));
      return true;
    });
    return out;
  }
}
