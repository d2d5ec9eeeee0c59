package io.logplane.node.internal.real;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.node.internal.agent.PodRuntime.Observed;
import io.logplane.node.internal.agent.PodStatusMaker;
import io.logplane.node.internal.runtime.Image;
import io.logplane.node.internal.runtime.ImageSource;
import io.logplane.node.internal.runtime.RealNode;
import io.logplane.node.internal.runtime.UplinkGuard;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real node's pods on runc, read as the node agent reads them: {@link RealPods#observe} on
 * and on, its runs made into the pod status the node would write.
 */
class RealPodsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOST_IP = "192.0.2.10";

  private static RealNode node;
  private static ExecutorService executor;
  private static RealPods pods;
  /** The Events recorded, each {@code pod container type reason: message}. */
  private static final List<String> EVENTS = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<JsonNode> made = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    node = RealNode.start("logplane_it_realpods", "10.244.251.0/24", "lpit1", "logplane-it-pods");
    executor = Executors.newCachedThreadPool();
    ImageSource images = new ImageSource() {
      @Override
      public Image resolve(String reference, String policy, List<RegistryAuth> auths)
          throws ImageUnavailable {
        return resolve(reference, policy, auths, () -> { });
      }

      /** busybox is in the store; busybox:pulled is pulled from its registry first. */
      @Override
      public Image resolve(String reference, String policy, List<RegistryAuth> auths,
          Runnable pulling) throws ImageUnavailable {
        if (reference.equals("busybox:pulled")) {
          pulling.run();
        } else if (!reference.startsWith("busybox")) {
          pulling.run();
          throw new ImageSource.ImageUnavailable("ErrImagePull",
              "pull access denied for " + reference, null);
        }
        return node.busybox;
      }
    };
    PodEvents events = (pod, container, warning, reason, message) -> EVENTS.add(
        pod.path("metadata").path("name").asText() + " " + container + " "
            + (warning ? "Warning" : "Normal") + " " + reason + ": " + message);
    pods = new RealPods(node.runtime, images, PullSecrets.NONE, "nameserver 10.96.0.10\n",
        Clock.systemUTC(), executor, (resource, namespace, name) -> null, events);
  }

  @AfterEach
  void removePods() {
    made.forEach(p -> pods.forget(p.path("metadata").path("uid").asText()));
    await("the pods are gone").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
        .until(this::leftovers, List::isEmpty);
  }

  /** What is left of the pods: the node's leftovers, and their logs. */
  private List<String> leftovers() {
    List<String> left = new ArrayList<>(node.leftovers());
    for (JsonNode p : made) {
      Path logs = node.runtime.logPath(p, "c", 0).getParent().getParent();
      if (Files.exists(logs)) {
        left.add("logs " + logs);
      }
    }
    return left;
  }

  @AfterAll
  static void stop() {
    if (node == null) {
      return;
    }
    executor.shutdownNow();
    assertEquals(new UplinkGuard.Counters(0, 0), node.stop(),
        "packets for the cluster ranges headed for the uplink");
  }

  private JsonNode pod(String name, String spec) throws IOException {
    JsonNode pod = JSON.readTree(("{'metadata':{'name':'" + name + "','namespace':'it','uid':'"
        + UUID.randomUUID() + "'},'spec':" + spec + "}").replace('\'', '"'));
    made.add(pod);
    return pod;
  }

  private static Observed observe(JsonNode pod, Instant stopAt) {
    Instant now = Instant.now();
    return pods.observe(pod, HOST_IP, null, Instant.parse("2026-01-01T00:00:00Z"), now, stopAt);
  }

  private static JsonNode status(JsonNode pod) {
    return PodStatusMaker.status(pod, observe(pod, null).runs());
  }

  private static JsonNode awaitStatus(JsonNode pod, String what, Predicate<JsonNode> until) {
    return await(what).atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
        .until(() -> status(pod), until::test);
  }

  private static String condition(JsonNode status, String type) {
    for (JsonNode c : status.path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c.path("status").asText() + "/" + c.path("reason").asText("");
      }
    }
    return "none";
  }

  @Test
  void anInitContainerRunsThenTheContainerWhichIsReadyWithThePodsAddress() throws IOException {
    JsonNode pod = pod("init-main", "{'initContainers':[{'name':'setup','image':'busybox',"
        + "'command':['sh','-c','echo set up']}],'containers':[{'name':'main','image':'busybox',"
        + "'command':['sh','-c','trap \\\"exit 0\\\" TERM; sleep 1000 & wait']}]}");
    JsonNode s = awaitStatus(pod, "the pod runs", t -> "Running".equals(t.path("phase").asText())
        && condition(t, "Ready").equals("True/"));
    assertEquals("True/", condition(s, "Initialized"));
    assertEquals("True/", condition(s, "ContainersReady"));
    assertTrue(s.path("podIP").asText().startsWith("10.244.251."), s.toString());
    JsonNode init = s.at("/initContainerStatuses/0");
    assertEquals(0, init.at("/state/terminated/exitCode").asInt(-1), init.toString());
    assertEquals("Completed", init.at("/state/terminated/reason").asText());
    JsonNode main = s.at("/containerStatuses/0");
    assertTrue(main.at("/state/running").has("startedAt"), main.toString());
    assertTrue(main.path("ready").asBoolean(), main.toString());
    assertEquals(0, main.path("restartCount").asInt());
    assertEquals("runc://" + pod.path("metadata").path("uid").asText() + ".main.0",
        main.path("containerID").asText());
  }

  @Test
  void aContainerExitingOneUnderAlwaysGoesIntoCrashLoopBackOff() throws IOException {
    JsonNode pod = pod("crasher", "{'containers':[{'name':'crash','image':'busybox',"
        + "'command':['sh','-c','exit 1']}]}");
    String uid = pod.path("metadata").path("uid").asText();
    for (int restarts = 1; restarts <= 2; restarts++) {
      int n = restarts;
      JsonNode s = awaitStatus(pod, "back-off after restart " + n, t ->
          t.at("/containerStatuses/0/restartCount").asInt() == n
              && t.at("/containerStatuses/0/state/waiting/reason").asText().equals("CrashLoopBackOff"));
      JsonNode c = s.at("/containerStatuses/0");
      assertEquals("back-off " + (10 << (n - 1)) + "s restarting failed container=crash pod=crasher_it("
          + uid + ")", c.at("/state/waiting/message").asText());
      assertEquals(1, c.at("/lastState/terminated/exitCode").asInt(), c.toString());
      assertEquals("Error", c.at("/lastState/terminated/reason").asText());
      assertEquals("Running", s.path("phase").asText());
      assertEquals("False/ContainersNotReady", condition(s, "Ready"));
    }
  }

  @Test
  void aNeverPodThatExitsZeroSucceeds() throws IOException {
    JsonNode pod = pod("once", "{'restartPolicy':'Never','containers':[{'name':'job',"
        + "'image':'busybox','command':['sh','-c','echo done']}]}");
    JsonNode s = awaitStatus(pod, "the pod ends", t -> "Succeeded".equals(t.path("phase").asText()));
    JsonNode c = s.at("/containerStatuses/0");
    assertEquals(0, c.at("/state/terminated/exitCode").asInt(-1), c.toString());
    assertEquals("Completed", c.at("/state/terminated/reason").asText());
    assertEquals(0, c.path("restartCount").asInt());
    assertEquals("False/PodCompleted", condition(s, "Ready"));
  }

  @Test
  void aDeletedPodIgnoringSigtermIsKilledAfterItsGracePeriodAndLeavesNothing() throws IOException {
    JsonNode pod = pod("deaf", "{'terminationGracePeriodSeconds':3,'containers':[{'name':'deaf',"
        + "'image':'busybox','command':['sh','-c','trap \\\"\\\" TERM; while :; do sleep 1; done'],"
        + "'lifecycle':{'preStop':{'exec':{'command':['sh','-c','echo preStop ran > /proc/1/fd/1']}}}}]}");
    awaitStatus(pod, "the pod runs", t -> condition(t, "Ready").equals("True/"));
    ObjectNode deleted = pod.deepCopy();
    deleted.withObjectProperty("metadata").put("deletionTimestamp", Instant.now().toString())
        .put("deletionGracePeriodSeconds", 3);
    Instant stopAt = Instant.now();
    Observed stopped = await("the pod stops").atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(100)).until(() -> observe(deleted, stopAt), Observed::stopped);
    JsonNode c = PodStatusMaker.status(deleted, stopped.runs()).at("/containerStatuses/0");
    assertEquals(137, c.at("/state/terminated/exitCode").asInt(), "SIGKILLed: " + c);
    assertEquals("Error", c.at("/state/terminated/reason").asText());
    assertEquals(List.of(), node.leftovers(), "no container, netns, bundle, mount or address");
    assertTrue(Files.readString(node.runtime.logPath(pod, "deaf", 0)).contains("preStop ran"));
  }

  @Test
  void anImageThatCannotBePulledIsErrImagePullThenImagePullBackOff() throws IOException {
    JsonNode pod = pod("nope", "{'containers':[{'name':'c','image':'nope:1'}]}");
    JsonNode s = awaitStatus(pod, "pull back-off", t ->
        t.at("/containerStatuses/0/state/waiting/reason").asText().equals("ImagePullBackOff"));
    assertEquals("Back-off pulling image \"nope:1\"",
        s.at("/containerStatuses/0/state/waiting/message").asText());
    assertEquals("Pending", s.path("phase").asText());
  }

  @Test
  void probesOfEachKindPassForAServingContainer() throws IOException {
    JsonNode pod = pod("probed", "{'terminationGracePeriodSeconds':1,'containers':[{'name':'web','image':'busybox',"
        + "'command':['httpd','-f','-p','8080','-h','/www'],'ports':[{'name':'http','containerPort':8080}],"
        + "'startupProbe':{'exec':{'command':['true']},'periodSeconds':1},"
        + "'readinessProbe':{'httpGet':{'port':'http','path':'/index.html'},'periodSeconds':1},"
        + "'livenessProbe':{'tcpSocket':{'port':8080},'periodSeconds':1}}]}");
    JsonNode s = awaitStatus(pod, "the pod is ready", t -> condition(t, "Ready").equals("True/"));
    JsonNode c = s.at("/containerStatuses/0");
    assertTrue(c.path("started").asBoolean(), c.toString());
    assertTrue(c.path("ready").asBoolean(), c.toString());
    assertEquals(0, c.path("restartCount").asInt());
  }

  @Test
  void aContainerFailingItsLivenessProbeIsKilledAndStartedAgain() throws IOException {
    JsonNode pod = pod("unhealthy", "{'terminationGracePeriodSeconds':1,'containers':[{'name':'c',"
        + "'image':'busybox','command':['sh','-c','trap \\\"exit 0\\\" TERM; sleep 1000 & wait'],"
        + "'livenessProbe':{'exec':{'command':['false']},'periodSeconds':1,'failureThreshold':1}}]}");
    JsonNode s = awaitStatus(pod, "a restart", t -> t.at("/containerStatuses/0/restartCount").asInt() >= 1
        && t.at("/containerStatuses/0/lastState").has("terminated"));
    assertEquals("Running", s.path("phase").asText());
  }

  @Test
  void aPodDeletedBeforeItsFirstSyncStopsAtOnceWithNothingMade() throws IOException {
    ObjectNode pod = (ObjectNode) pod("early", "{'containers':[{'name':'c','image':'busybox'}]}");
    pod.withObjectProperty("metadata").put("deletionTimestamp", Instant.now().toString());
    Instant stopAt = Instant.now();
    Observed stopped = await("the pod stops").atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(100)).until(() -> observe(pod, stopAt), Observed::stopped);
    assertEquals("ContainerCreating",
        PodStatusMaker.status(pod, stopped.runs()).at("/containerStatuses/0/state/waiting/reason").asText());
    assertEquals(List.of(), node.leftovers());
  }

  @Test
  void aPodForgottenWhileItsNamespaceFileIsHeldOpenIsFreedAllTheSame() throws IOException {
    JsonNode pod = pod("held", "{'terminationGracePeriodSeconds':1,'containers':[{'name':'c',"
        + "'image':'busybox','command':['sleep','1000']}]}");
    awaitStatus(pod, "the pod runs", t -> "Running".equals(t.path("phase").asText()));
    String uid = pod.path("metadata").path("uid").asText();
    // as `ip netns list` holds each namespace file open while it reads the namespace's id
    try (FileChannel reader = FileChannel.open(node.runtime.netnsPath(uid))) {
      pods.forget(uid);
      await("the pod is gone, its namespace still open").atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(100)).until(this::leftovers, List::isEmpty);
      assertTrue(reader.isOpen());
    }
  }

  /** The Events recorded of pod {@code name}, without the pod's name. */
  private static List<String> events(String name) {
    return EVENTS.stream().filter(e -> e.startsWith(name + " "))
        .map(e -> e.substring(name.length() + 1)).toList();
  }

  @Test
  void theKubeletsEventsOfAPulledImageAFailingProbeAndADeletion() throws IOException {
    JsonNode pod = pod("evented", "{'terminationGracePeriodSeconds':1,'containers':[{'name':'web',"
        + "'image':'busybox:pulled','command':['httpd','-f','-p','8080','-h','/etc'],"
        + "'readinessProbe':{'httpGet':{'port':8080,'path':'/none'},'periodSeconds':1},"
        + "'livenessProbe':{'exec':{'command':['sh','-c','echo sick; exit 1']},"
        + "'initialDelaySeconds':2,'periodSeconds':1,'failureThreshold':2}}]}");
    awaitStatus(pod, "a restart", t -> t.at("/containerStatuses/0/restartCount").asInt() >= 1);
    await("the Killing event").atMost(Duration.ofSeconds(30)).until(() -> events("evented"),
        e -> e.contains("web Normal Killing: Container web failed liveness probe, will be restarted"));
    List<String> seen = events("evented");
    assertEquals("web Normal Pulling: Pulling image \"busybox:pulled\"", seen.get(0));
    assertTrue(seen.get(1).matches("web Normal Pulled: Successfully pulled image \"busybox:pulled\""
        + " in (\\d+ms|[\\d.]+s) \\(\\1 including waiting\\)"), seen.get(1));
    assertEquals(List.of("web Normal Created: Created container web",
        "web Normal Started: Started container web"), seen.subList(2, 4));
    assertTrue(seen.contains("web Warning Unhealthy: Readiness probe failed: HTTP probe failed with"
        + " statuscode: 404"), seen.toString());
    assertTrue(seen.contains("web Warning Unhealthy: Liveness probe failed: sick\n"), seen.toString());
    // each failed probe is an Event, the first below the threshold too
    int killed = seen.indexOf("web Normal Killing: Container web failed liveness probe, will be restarted");
    assertEquals(2, seen.subList(0, killed).stream().filter(e -> e.contains("Liveness probe failed")).count(),
        seen.toString());

    ObjectNode deleted = pod.deepCopy();
    deleted.withObjectProperty("metadata").put("deletionTimestamp", Instant.now().toString())
        .put("deletionGracePeriodSeconds", 1);
    Instant stopAt = Instant.now();
    await("the pod stops").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
        .until(() -> observe(deleted, stopAt), Observed::stopped);
    assertEquals("web Normal Killing: Stopping container web", events("evented").get(events("evented").size() - 1));
  }

  @Test
  void aVolumeOfAMissingConfigMapIsAFailedMountEvent() throws IOException {
    JsonNode pod = pod("mountless", "{'containers':[{'name':'c','image':'busybox',"
        + "'volumeMounts':[{'name':'cfg','mountPath':'/cfg'}]}],"
        + "'volumes':[{'name':'cfg','configMap':{'name':'missing'}}]}");
    await("the FailedMount event").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          status(pod);
          return events("mountless");
        }, e -> !e.isEmpty());
    assertEquals(List.of("null Warning FailedMount: MountVolume.SetUp failed for volume \"cfg\" :"
        + " configmap \"missing\" not found"), events("mountless"));
    assertEquals("ContainerCreating", status(pod).at("/containerStatuses/0/state/waiting/reason").asText());
  }

  @Test
  void aHostPortReachesThePodFromThisMachineEvenWhenAHostProcessHoldsIt() throws Exception {
    String hostIp = thisMachinesAddress();
    try (java.net.ServerSocket held = new java.net.ServerSocket()) {
      held.bind(new java.net.InetSocketAddress("0.0.0.0", 0));
      int port = held.getLocalPort();
      JsonNode pod = pod("hostport", "{'terminationGracePeriodSeconds':1,'containers':[{'name':'web',"
          + "'image':'busybox','command':['httpd','-f','-p','8080','-h','/www'],"
          + "'ports':[{'containerPort':8080,'hostPort':" + port + "}]}]}");
      awaitStatus(pod, "the pod is ready", t -> condition(t, "Ready").equals("True/"));
      // As under the kubelet (CNI portmap): no socket of the pod's on the host; DNAT sends the
      // port's connections to the pod, the host process keeps its socket and loses them.
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://" + hostIp + ":" + port + "/index.html"))
          .timeout(Duration.ofSeconds(10)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertEquals("hello from a pod\n", r.body());

      ObjectNode deleted = pod.deepCopy();
      deleted.withObjectProperty("metadata").put("deletionTimestamp", Instant.now().toString());
      Instant stopAt = Instant.now();
      await("the pod stops").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
          .until(() -> observe(deleted, stopAt), Observed::stopped);
      String uid = pod.path("metadata").path("uid").asText();
      assertTrue(io.logplane.node.internal.runtime.RealNode.run("iptables-save", "-t", "nat").lines()
          .noneMatch(l -> l.contains(uid)), "the pod's port forwarding is gone");
      held.setSoTimeout(10_000);
      try (java.net.Socket s = new java.net.Socket(hostIp, port); java.net.Socket accepted = held.accept()) {
        assertTrue(accepted.isConnected(), "the host process gets the port's connections again");
      }
    }
  }

  /** This machine's address on its default route: not the loopback, not a pod bridge's. */
  private static String thisMachinesAddress() {
    String route = io.logplane.node.internal.runtime.RealNode.run("ip", "-4", "route", "get", "192.0.2.1");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("src (\\S+)").matcher(route);
    assertTrue(m.find(), route);
    return m.group(1);
  }
}
