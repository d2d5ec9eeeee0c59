package io.logplane.node.internal.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.node.internal.agent.PodStatusMaker;
import io.logplane.node.internal.real.RealPods;
import io.logplane.node.internal.runtime.ImageSource;
import io.logplane.node.internal.runtime.RealNode;
import io.logplane.node.internal.runtime.UplinkGuard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The logs of a real container (runc under conmon) served by the node's server over HTTP: read
 * whole and with options, followed while the container runs until it ends, and the previous
 * run's once the container restarted.
 */
class NodeLogsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RealNode node;
  private static ExecutorService executor;
  private static RealPods pods;
  private static Vertx vertx;
  private static NodeServer server;
  private static int port;
  /** The pods made, by name, with the status the node would report as last observed by the test. */
  private static final Map<String, JsonNode> made = new ConcurrentHashMap<>();
  private static final Map<String, JsonNode> statuses = new ConcurrentHashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    node = RealNode.start("logplane_it_nodelogs", "10.244.249.0/24", "lpit5", "logplane-it-nodelogs");
    executor = Executors.newCachedThreadPool();
    ImageSource images = (reference, policy, auths) -> node.busybox;
    pods = new RealPods(node.runtime, images, "nameserver 10.96.0.10\n", Clock.systemUTC(), executor);
    vertx = Vertx.vertx();
    NodePods served = (ns, name) -> {
      if (!ns.equals("it") || !made.containsKey(name)) {
        return Future.succeededFuture(null);
      }
      ObjectNode p = made.get(name).deepCopy();
      p.set("status", statuses.get(name));
      return Future.succeededFuture(p);
    };
    server = new NodeServer(vertx, served, LogFiles.of(node.runtime), 8);
    port = server.listen(new HttpServerOptions(), "127.0.0.1", 0).await().actualPort();
  }

  @AfterAll
  static void stop() {
    if (node == null) {
      return;
    }
    made.values().forEach(p -> pods.forget(p.path("metadata").path("uid").asText()));
    await("the pods are gone").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
        .until(() -> node.leftovers().isEmpty() && made.values().stream().noneMatch(p ->
            Files.exists(node.runtime.logPath(p, "c", 0).getParent().getParent())));
    server.close();
    vertx.close().await();
    executor.shutdownNow();
    assertEquals(new UplinkGuard.Counters(0, 0), node.stop(),
        "packets for the cluster ranges headed for the uplink");
  }

  private static JsonNode pod(String name, String command) throws IOException {
    JsonNode pod = JSON.readTree(("{'metadata':{'name':'" + name + "','namespace':'it','uid':'"
        + UUID.randomUUID() + "'},'spec':{'restartPolicy':'Always','containers':[{'name':'c',"
        + "'image':'busybox','command':['sh','-c','" + command + "']}]}}").replace('\'', '"'));
    made.put(name, pod);
    return pod;
  }

  private static JsonNode awaitStatus(JsonNode pod, String what, Predicate<JsonNode> until) {
    String name = pod.path("metadata").path("name").asText();
    return await(what).atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() -> {
      JsonNode s = PodStatusMaker.status(pod, pods.observe(pod, "192.0.2.10", null,
          Instant.parse("2026-01-01T00:00:00Z"), Instant.now(), null).runs());
      statuses.put(name, s);
      return s;
    }, until::test);
  }

  private HttpResponse<String> get(String query) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/containerLogs/it/logs/c" + query)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheRunsLogsWithTheirOptionsFollowingAndThePreviousRun() throws Exception {
    JsonNode pod = pod("logs", "echo run $(cat /proc/sys/kernel/random/uuid); sleep 0.2; echo oops >&2;"
        + " sleep 0.2; printf part; sleep 0.3; echo ial; for i in 1 2 3; do sleep 1; echo tick $i; done; exit 1");
    awaitStatus(pod, "the container runs", s -> s.at("/containerStatuses/0/state").has("running"));
    HttpResponse<String> previous = get("?previous=true");
    assertEquals(400, previous.statusCode());
    assertEquals("previous terminated container \"c\" in pod \"logs\" not found", previous.body());

    // Followed from the start while it runs, up to its end.
    HttpResponse<String> followed = get("?follow=true");
    assertEquals(200, followed.statusCode());
    String first = followed.body();
    assertTrue(first.matches("run [0-9a-f-]{36}\noops\npartial\ntick 1\ntick 2\ntick 3\n"), first);

    assertEquals(first, get("").body());
    assertEquals("tick 2\ntick 3\n", get("?tailLines=2").body());
    assertEquals("run", get("?limitBytes=3").body());
    String stamped = get("?timestamps=true&tailLines=2").body();
    assertTrue(stamped.matches("(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d) tick \\d\n){2}"),
        stamped);

    JsonNode s = awaitStatus(pod, "the container runs again", t -> t.at("/containerStatuses/0/restartCount").asInt() == 1
        && t.at("/containerStatuses/0/state").has("running"));
    assertTrue(s.at("/containerStatuses/0/containerID").asText().endsWith(".c.1"), s.toString());
    assertEquals(first, get("?previous=true").body());
    String second = await("the second run wrote its first line").atMost(Duration.ofMinutes(1))
        .until(() -> get("").body(), b -> b.contains("\n"));
    assertTrue(second.startsWith("run "), second);
    assertNotEquals(first.lines().findFirst(), second.lines().findFirst());
  }

  @Test
  void aRotatedLogGoesOnInANewFileAndAFollowerReadsOnWithoutALineLost() throws Exception {
    JsonNode pod = pod("rotating", "i=0; while true; do i=$((i+1)); echo line $i; sleep 0.01; done");
    awaitStatus(pod, "the container runs", s -> s.at("/containerStatuses/0/state").has("running"));
    Path log = node.runtime.logPath(pod, "c", 0);
    LogRotation rotation = new LogRotation(log.getParent().getParent().getParent(),
        LogFiles.of(node.runtime), 4096, 3, Clock.systemUTC());
    HttpResponse<InputStream> followed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/containerLogs/it/rotating/c?follow=true")).build(), HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader in = new BufferedReader(new InputStreamReader(followed.body(), StandardCharsets.UTF_8))) {
      int seen = 0;
      while (seen < 10) {
        assertEquals("line " + ++seen, in.readLine());
      }
      await("the log outgrows the limit").atMost(Duration.ofMinutes(1)).until(() -> Files.size(log) >= 4096);
      rotation.rotateAll();
      List<Path> rotated;
      try (Stream<Path> files = Files.list(log.getParent())) {
        // the renamed ones (0.log.<timestamp>), not conmon's 0.log.tmp of its reopening
        rotated = files.filter(f -> f.getFileName().toString().matches("0\\.log\\.\\d{8}-\\d{6}.*")).toList();
      }
      assertEquals(1, rotated.size(), rotated.toString());
      String old = Files.readString(rotated.get(0));
      int lastOld = Integer.parseInt(old.substring(old.lastIndexOf(' ') + 1).strip());
      await("the container writes on to a new file").atMost(Duration.ofMinutes(1))
          .until(() -> Files.readString(log).contains(" F line " + (lastOld + 5) + "\n"));
      String first = Files.readString(log).lines().findFirst().orElseThrow();
      assertTrue(first.endsWith(" stdout F line " + (lastOld + 1)), "the new file starts where the old one ended: "
          + first);
      while (seen < lastOld + 5) {
        assertEquals("line " + ++seen, in.readLine());
      }
    }
  }
}
