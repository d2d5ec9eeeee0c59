package io.logplane.node.internal.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's server over real HTTP, on log files written by the test. */
class NodeServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;
  private Vertx vertx;
  private NodeServer server;
  private int port;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger runningAsked = new AtomicInteger();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    JsonNode pod = JSON.readTree(("{'metadata':{'name':'p','namespace':'ns','uid':'u'},"
        + "'spec':{'containers':[{'name':'c'}]},'status':{'containerStatuses':[{'name':'c',"
        + "'state':{'running':{}},'containerID':'runc://u.c.0'}]}}").replace('\'', '"'));
    NodePods pods = (ns, name) -> Future.succeededFuture(
        ns.equals("ns") && name.equals("p") ? pod : null);
    LogFiles files = new LogFiles() {
      @Override
      public Path logPath(JsonNode p, String name, int attempt) {
        return dir.resolve(name + "." + attempt + ".log");
      }

      @Override
      public boolean running(String id) {
        runningAsked.incrementAndGet();
        return running.get();
      }
    };
    Files.writeString(dir.resolve("c.0.log"), "2026-01-01T00:00:01Z stdout F one\n"
        + "2026-01-01T00:00:02Z stderr F two\n");
    server = new NodeServer(vertx, pods, files, 4);
    port = server.listen(new HttpServerOptions(), "127.0.0.1", 0).await().actualPort();
  }

  @AfterEach
  void stop() {
    server.close();
    vertx.close().await();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void append(String line) throws IOException {
    Files.writeString(dir.resolve("c.0.log"), line, StandardOpenOption.APPEND);
  }

  @Test
  void servesTheLogWithItsOptions() throws Exception {
    HttpResponse<String> r = get("/containerLogs/ns/p/c");
    assertEquals(200, r.statusCode());
    assertEquals("one\ntwo\n", r.body());
    assertEquals("2026-01-01T00:00:02Z two\n",
        get("/containerLogs/ns/p/c?tailLines=1&timestamps=true").body());
  }

  @Test
  void refusesAsTheKubeletDoes() throws Exception {
    HttpResponse<String> r = get("/containerLogs/ns/q/c");
    assertEquals(404, r.statusCode());
    assertEquals("pod \"q\" does not exist", r.body());
    r = get("/containerLogs/ns/p/c?previous=true");
    assertEquals(400, r.statusCode());
    assertEquals("previous terminated container \"c\" in pod \"p\" not found", r.body());
    r = get("/containerLogs/ns/p/c?tailLines=-1");
    assertEquals(422, r.statusCode());
    assertEquals("{\"message\": \"Invalid request.\"}", r.body());
    assertEquals(400, get("/containerLogs/ns/p/").statusCode());
    assertEquals(404, get("/pods").statusCode());
  }

  @Test
  void followsTheLogUntilTheContainerEnds() throws Exception {
    HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/containerLogs/ns/p/c?follow=true&tailLines=1")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, r.statusCode());
    try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      assertEquals("two", in.readLine());
      append("2026-01-01T00:00:03Z stdout P thr\n");
      append("2026-01-01T00:00:03Z stdout F ee\n");
      assertEquals("three", in.readLine());
      append("2026-01-01T00:00:04Z stdout F four\n");
      running.set(false);
      assertEquals("four", in.readLine());
      assertEquals(null, in.readLine());
    }
  }

  @Test
  void aClientThatGoesAwayEndsTheCopy() throws Exception {
    HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/containerLogs/ns/p/c?follow=true")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    InputStream body = r.body();
    assertEquals('o', body.read());
    body.close();
    AtomicInteger seen = new AtomicInteger(-1);
    await("the copy stops asking whether the container runs").atMost(Duration.ofSeconds(30))
        .during(Duration.ofMillis(5 * LogReader.POLL_MILLIS))
        .until(() -> runningAsked.get() == seen.getAndSet(runningAsked.get()));
  }
}
