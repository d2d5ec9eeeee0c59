package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.launcher.Cluster;
import io.logplane.node.internal.server.LogFiles;
import io.logplane.node.internal.server.NodePods;
import io.logplane.node.internal.server.NodeServer;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl logs} through a real Logplane to a node's server: a Node registered with its
 * address and kubelet port, pods bound to it whose status the test writes as the node would, and
 * their CRI logs written by the test where the node's server reads them. Also what kube-apiserver
 * answers for a pod on no node, on a node that is not there, and on a node that cannot be reached.
 */
class PodLogsIT {

  @TempDir static Path dir;
  static Cluster cluster;
  static Kubectl kubectl;
  static Api api;
  static Vertx vertx;
  static NodeServer server;
  static final AtomicBoolean running = new AtomicBoolean(true);
  static final AtomicInteger runningAsked = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(dir);
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
    api = ClusterFixture.admin(cluster);
    vertx = Vertx.vertx();
    // The node's pods as the API holds them, status and all: the test writes them as a node would.
    NodePods pods = (ns, name) -> vertx.executeBlocking(() -> {
      Response r = api.get("/api/v1/namespaces/" + ns + "/pods/" + name);
      return r.code() == 200 ? r.json() : null;
    });
    LogFiles files = new LogFiles() {
      @Override
      public Path logPath(JsonNode pod, String name, int attempt) {
        return dir.resolve("logs").resolve(pod.at("/metadata/name").asText()).resolve(name)
            .resolve(attempt + ".log");
      }

      @Override
      public boolean running(String id) {
        runningAsked.incrementAndGet();
        return running.get();
      }
    };
    server = new NodeServer(vertx, pods, files, 8);
    int port = server.listen(new HttpServerOptions(), "127.0.0.1", 0).await().actualPort();
    node("log-node", port);
    node("dead-node", closedPort());

    ObjectNode two = api.create("/api/v1/namespaces/default/pods", """
        {"metadata":{"name":"two"},"spec":{"nodeName":"log-node","containers":[
          {"name":"a","image":"busybox"},{"name":"b","image":"busybox"}]}}""");
    String uid = two.at("/metadata/uid").asText();
    two.set("status", Api.JSON.readTree(("{'phase':'Running','containerStatuses':["
        + "{'name':'a','state':{'running':{'startedAt':'2026-01-01T00:00:10Z'}},'containerID':'runc://" + uid + ".a.1',"
        + "'lastState':{'terminated':{'exitCode':1,'reason':'Error','containerID':'runc://" + uid + ".a.0'}},"
        + "'ready':true,'restartCount':1,'image':'busybox','imageID':''},"
        + "{'name':'b','state':{'waiting':{'reason':'ContainerCreating'}},'ready':false,'restartCount':0,"
        + "'image':'busybox','imageID':''}]}").replace('\'', '"')));
    Response written = api.send("PUT", "/api/v1/namespaces/default/pods/two/status", two);
    assertEquals(200, written.code(), written.text());
    log("two/a/0.log", "2026-01-01T00:00:01Z stdout F first run\n2026-01-01T00:00:02Z stderr F crashed\n");
    log("two/a/1.log", "2026-01-01T00:00:11.25Z stdout F hello\n2026-01-01T00:00:12Z stdout P wor\n"
        + "2026-01-01T00:00:12.5Z stdout F ld\n");

    api.create("/api/v1/namespaces/default/pods", """
        {"metadata":{"name":"unreachable"},"spec":{"nodeName":"dead-node","containers":[
          {"name":"c","image":"busybox"}]}}""");
    api.create("/api/v1/namespaces/default/pods", """
        {"metadata":{"name":"nowhere"},"spec":{"nodeName":"ghost","containers":[{"name":"c","image":"busybox"}]}}""");
    api.create("/api/v1/namespaces/default/pods", """
        {"metadata":{"name":"pending"},"spec":{"nodeSelector":{"no-such":"label"},
          "containers":[{"name":"c","image":"busybox"}]}}""");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
      vertx.close().await();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  /** A Node whose server listens on 127.0.0.1:{@code port}, as a node registers itself. */
  private static void node(String name, int port) throws IOException {
    api.create("/api/v1/nodes", "{\"metadata\":{\"name\":\"" + name + "\"}}");
    // A merge patch of the status, as a kubelet's: the node IPAM controller may have written the
    // Node meanwhile (its pod CIDR), which a PUT of the created version would conflict with.
    Response r = api.send("PATCH", "/api/v1/nodes/" + name + "/status", "application/merge-patch+json",
        ("{'status':{'addresses':[{'type':'InternalIP','address':'127.0.0.1'},"
        + "{'type':'Hostname','address':'" + name + "'}],'daemonEndpoints':{'kubeletEndpoint':{'Port':" + port
        + "}}}}").replace('\'', '"'));
    assertEquals(200, r.code(), r.text());
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void log(String file, String text) throws IOException {
    Path p = dir.resolve("logs").resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void kubectlLogsReadsTheRunningContainerWithItsOptionsAndThePreviousRun() {
    assertEquals("hello\nworld\n", kubectl.ok("logs", "two", "-c", "a").out());
    assertEquals("first run\ncrashed\n", kubectl.ok("logs", "two", "-c", "a", "--previous").out());
    // A tail counts the lines of the file, as the kubelet's: the two parts of "world" here.
    assertEquals("2026-01-01T00:00:12Z world\n", kubectl.ok("logs", "two", "-c", "a", "--tail=2", "--timestamps")
        .out());
    assertEquals("hel", kubectl.ok("logs", "two", "-c", "a", "--limit-bytes=3").out());
    assertEquals("world\n", kubectl.ok("logs", "two", "-c", "a", "--since-time=2026-01-01T00:00:12Z").out());
  }

  @Test
  void errorsReadAsKubesDo() {
    Kubectl.Result waiting = kubectl.run("logs", "two", "-c", "b");
    assertEquals(1, waiting.exit(), waiting.all());
    assertEquals("Error from server (BadRequest): container \"b\" in pod \"two\" is waiting to start:"
        + " ContainerCreating\n", waiting.err());
    Kubectl.Result previous = kubectl.run("logs", "two", "-c", "a", "--previous", "--tail=1");
    assertEquals("crashed\n", previous.out(), previous.all());
    Kubectl.Result noSuch = kubectl.run("logs", "two", "-c", "zz");
    assertEquals("error: container zz is not valid for pod two\n", noSuch.err()); // kubectl's own check

    Response choose = api.get("/api/v1/namespaces/default/pods/two/log");
    assertEquals(400, choose.code());
    assertEquals("a container name must be specified for pod two, choose one of: [a b]",
        choose.json().path("message").asText());
    Response negative = api.get("/api/v1/namespaces/default/pods/two/log?container=a&tailLines=-1");
    assertEquals(422, negative.code());
    assertEquals("PodLogOptions \"two\" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0",
        negative.json().path("message").asText());
  }

  @Test
  void aPodOnNoNodeHasAnEmptyLogAndOneOnAMissingOrUnreachableNodeAnError() {
    Kubectl.Result pending = kubectl.run("logs", "pending");
    assertEquals(0, pending.exit(), pending.all());
    assertEquals("", pending.out());
    Kubectl.Result ghost = kubectl.run("logs", "nowhere");
    assertEquals("Error from server (NotFound): nodes \"ghost\" not found\n", ghost.err());
    Kubectl.Result dead = kubectl.run("logs", "unreachable");
    assertEquals(1, dead.exit(), dead.all());
    assertTrue(dead.err().matches("Error from server: Get \"http://127\\.0\\.0\\.1:\\d+/containerLogs/default/"
        + "unreachable/c\": dial tcp 127\\.0\\.0\\.1:\\d+: connect: connection refused\n"), dead.err());
  }

  @Test
  void kubectlLogsFollowStreamsUntilTheContainerEndsAndAClientGoneEndsTheNodesCopy() throws Exception {
    log("follow/c/0.log", "2026-01-01T00:00:01Z stdout F one\n");
    ObjectNode pod = api.create("/api/v1/namespaces/default/pods", """
        {"metadata":{"name":"follow"},"spec":{"nodeName":"log-node","containers":[{"name":"c","image":"busybox"}]}}""");
    pod.set("status", Api.JSON.readTree(("{'phase':'Running','containerStatuses':[{'name':'c','state':{'running':"
        + "{'startedAt':'2026-01-01T00:00:00Z'}},'containerID':'runc://" + pod.at("/metadata/uid").asText()
        + ".c.0','ready':true,'restartCount':0,'image':'busybox','imageID':''}]}").replace('\'', '"')));
    assertEquals(200, api.send("PUT", "/api/v1/namespaces/default/pods/follow/status", pod).code());

    Process gone = kubectl.start("logs", "-f", "follow");
    try (BufferedReader in = new BufferedReader(new InputStreamReader(gone.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("one", in.readLine());
    }
    gone.destroy();
    gone.waitFor();
    AtomicInteger seen = new AtomicInteger(-1);
    await("the node's copy for the client gone stops").atMost(Duration.ofSeconds(30))
        .during(Duration.ofSeconds(1))
        .until(() -> runningAsked.get() == seen.getAndSet(runningAsked.get()));

    Process follow = kubectl.start("logs", "-f", "follow");
    try (BufferedReader in = new BufferedReader(new InputStreamReader(follow.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("one", in.readLine());
      log("follow/c/0.log", "2026-01-01T00:00:02Z stdout F two\n");
      assertEquals("two", in.readLine());
      log("follow/c/0.log", "2026-01-01T00:00:03Z stdout F three\n");
      running.set(false);
      assertEquals("three", in.readLine());
      assertEquals(null, in.readLine());
    } finally {
      running.set(true);
    }
    assertEquals(0, follow.waitFor());
  }
}
