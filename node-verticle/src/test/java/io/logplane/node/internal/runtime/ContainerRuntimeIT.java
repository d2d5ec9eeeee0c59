package io.logplane.node.internal.runtime;

import static io.logplane.node.internal.runtime.ContainerEnvTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pods on real runc containers, conmon, CNI bridge and host-local, behind the uplink drop rules:
 * installed before any packet goes to a pod address, removed at the end.
 */
class ContainerRuntimeIT {

  private static final String POD_CIDR = "10.244.250.0/24";
  private static final String BRIDGE = "lpit0";
  private static final String CGROUP_PARENT = "logplane-it";

  private static RealNode node;
  private static Image busybox;
  private static ContainerRuntime runtime;
  private final List<String> sandboxes = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    node = RealNode.start("logplane_it_pods", POD_CIDR, BRIDGE, CGROUP_PARENT);
    busybox = node.busybox;
    runtime = node.runtime;
  }

  @AfterEach
  void removePods() {
    for (String id : sandboxes) {
      runtime.removePodSandbox(id, Duration.ZERO);
    }
    assertEquals(List.of(), node.leftovers());
  }

  @AfterAll
  static void stop() {
    if (node == null) {
      return;
    }
    // Every packet of these tests stayed on the node's bridge: none for the cluster's ranges even
    // tried to leave by the uplink (the rules would have dropped and counted it).
    assertEquals(new UplinkGuard.Counters(0, 0), node.stop(), "packets for the cluster ranges headed for the uplink");
  }

  private JsonNode pod(String name, String containers) {
    String uid = UUID.randomUUID().toString();
    return json("{'metadata':{'name':'" + name + "','namespace':'it','uid':'" + uid + "'},"
        + "'spec':{'containers':" + containers + "}}");
  }

  private Sandbox sandbox(JsonNode pod) {
    sandboxes.add(pod.path("metadata").path("uid").asText());
    return runtime.runPodSandbox(pod, "nameserver 10.96.0.10\nsearch it.svc.cluster.local\n");
  }

  private String run(Sandbox sandbox, JsonNode pod, String name) {
    String id = runtime.createContainer(sandbox, pod, name, 0, busybox, Map.of(), List.of());
    runtime.startContainer(id);
    return id;
  }

  private Containers.Status awaitExit(String id) {
    return await("container " + id + " ends").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(10))
        .until(() -> runtime.containerStatus(id), Containers.Status::exited);
  }

  private static String get(String ip) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/")).build();
    return await("the pod at " + ip + " answers").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .ignoreExceptionsInstanceOf(IOException.class)
        .until(() -> client.send(request, HttpResponse.BodyHandlers.ofString()).body(), body -> true);
  }


  @Test
  void twoContainersShareThePodsNetworkAndTheHostReachesThePod() throws Exception {
    JsonNode pod = pod("web-pod", "[{'name':'web','command':['httpd','-f','-p','8080','-h','/www']},"
        + "{'name':'client','command':['sh','-c','hostname; grep -c web-pod /etc/hosts; for i in $(seq 100);"
        + " do wget -qO- http://127.0.0.1:8080/ && exit 0; sleep 0.1; done; exit 1']}]");
    Sandbox sandbox = sandbox(pod);
    assertTrue(sandbox.ip().startsWith("10.244.250."), sandbox.ip());
    String web = run(sandbox, pod, "web");
    String client = run(sandbox, pod, "client");

    assertEquals(0, awaitExit(client).exitCode());
    List<String> log = Files.readAllLines(runtime.logPath(pod, "client", 0));
    assertTrue(log.stream().allMatch(l -> l.matches(
        "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+[+-]\\d\\d:\\d\\d (stdout|stderr) [FP] .*")), log.toString());
    assertTrue(log.get(0).endsWith(" stdout F web-pod"), log.toString());
    assertTrue(log.get(1).endsWith(" stdout F 1"), "the pod's /etc/hosts names it: " + log);
    assertTrue(log.get(2).endsWith(" stdout F hello from a pod"), log.toString());

    assertEquals("hello from a pod\n", get(sandbox.ip()));
    assertEquals("running", runtime.containerStatus(web).state());
  }

  @Test
  void theContainersOfAPodShareItsNamespacesKeptByFilesWithoutAHolder() throws Exception {
    String show = "['sh','-c','for n in ipc uts net; do readlink /proc/self/ns/$n; done; hostname']";
    JsonNode pod = pod("ns-pod", "[{'name':'a','command':" + show + "},{'name':'b','command':" + show + "}]");
    Sandbox sandbox = sandbox(pod);
    String a = run(sandbox, pod, "a");
    String b = run(sandbox, pod, "b");
    assertEquals(0, awaitExit(a).exitCode());
    assertEquals(0, awaitExit(b).exitCode());
    List<String> seenByA = messages(runtime.logPath(pod, "a", 0));
    assertEquals(4, seenByA.size(), seenByA.toString());
    assertEquals(seenByA, messages(runtime.logPath(pod, "b", 0)), "the same ipc, uts and net namespaces");
    assertEquals("ns-pod", seenByA.get(3));
    assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/ipc")).toString(), seenByA.get(0),
        "not the host's");
    assertTrue(runtime.containers().stream().allMatch(id -> id.contains(".")),
        "no holder container: " + runtime.containers());
  }

  @Test
  void withShareProcessNamespaceAContainerSeesTheOthersProcesses() throws Exception {
    JsonNode pod = json("{'metadata':{'name':'pid-pod','namespace':'it','uid':'" + UUID.randomUUID() + "'},"
        + "'spec':{'shareProcessNamespace':true,'containers':[{'name':'sleeper','command':['sleep','3600']},"
        + "{'name':'looker','command':['sh','-c','for i in $(seq 100); do pidof sleep && exit 0; sleep 0.1; done; exit 1']}]}}");
    Sandbox sandbox = sandbox(pod);
    run(sandbox, pod, "sleeper");
    assertEquals(0, awaitExit(run(sandbox, pod, "looker")).exitCode(), "the looker saw the sleeper");
  }

  private static List<String> messages(Path log) throws IOException {
    return Files.readAllLines(log).stream().map(l -> l.substring(l.indexOf(" F ") + 3)).toList();
  }

  @Test
  void twoPodsListeningOnTheSamePortGetAddressesOfTheirOwn() throws Exception {
    String serveName = "[{'name':'web','env':[{'name':'WHO','value':'pod $(N)'}],'command':['sh','-c',"
        + "'mkdir /tmp/w && echo $(WHO) > /tmp/w/index.html && exec httpd -f -p 8080 -h /tmp/w']}]";
    List<String> ips = new ArrayList<>();
    List<String> answers = new ArrayList<>();
    for (String n : new String[] {"a", "b"}) {
      JsonNode pod = pod("pod-" + n, serveName);
      Sandbox sandbox = sandbox(pod);
      String id = runtime.createContainer(sandbox, pod, "web", 0, busybox,
          ContainerEnv.of(pod.path("spec").path("containers").get(0), Map.of("N", n), Map.of()), List.of());
      runtime.startContainer(id);
      ips.add(sandbox.ip());
    }
    for (String ip : ips) {
      answers.add(get(ip));
    }
    assertNotEquals(ips.get(0), ips.get(1));
    assertEquals(List.of("pod a\n", "pod b\n"), answers);
  }

  @Test
  void exitCodesAreReportedAndStopIsTermThenKill() {
    JsonNode pod = pod("codes", "[{'name':'three','command':['sh','-c','exit 3']},"
        + "{'name':'polite','command':['sh','-c','trap \\\"exit 0\\\" TERM; sleep 1000 & wait']},"
        + "{'name':'deaf','command':['sleep','1000']}]");
    Sandbox sandbox = sandbox(pod);
    assertEquals(3, awaitExit(run(sandbox, pod, "three")).exitCode());
    String polite = run(sandbox, pod, "polite");
    String deaf = run(sandbox, pod, "deaf");
    assertEquals("running", runtime.containerStatus(polite).state());
    assertEquals(0, runtime.stopContainer(polite, Duration.ofSeconds(30)).exitCode(),
        "SIGTERM within the grace period");
    assertEquals(137, runtime.stopContainer(deaf, Duration.ofMillis(100)).exitCode(),
        "pid 1 ignores SIGTERM: SIGKILL after the grace period");
  }

  @Test
  void aMemoryLimitBelowNeedIsAnOomKill() {
    JsonNode pod = pod("hog", "[{'name':'hog','resources':{'limits':{'memory':'16Mi'}},"
        + "'command':['sh','-c','x=0123456789; while :; do x=$x$x; done']}]");
    Containers.Status s = awaitExit(run(sandbox(pod), pod, "hog"));
    assertEquals(137, s.exitCode());
    assertTrue(s.oomKilled(), s.toString());
  }

  /**
   * A node killed with a pod, its data directory removed after, leaves the pod's namespace named
   * for its bridge, with its address and its interface on the bridge. A node on that bridge
   * counts it as one of its sandboxes, so its sweep of pods it does not hold removes it; else
   * the namespace would answer, where nothing listens, for the address a new pod gets again.
   */
  @Test
  void aNamespaceLeftOnTheBridgeByAKilledNodeIsASandboxToRemove() throws Exception {
    JsonNode pod = pod("first", "[]");
    sandbox(pod); // the bridge is there
    String uid = UUID.randomUUID().toString();
    String ns = Sandboxes.netnsPrefix(BRIDGE) + uid;
    String veth = "lpleft" + uid.substring(0, 8);
    // Made as a node makes it, not by `ip netns add`, which binds /run/netns on itself the first
    // time and so hides the namespaces already there.
    PodNamespaces.pin(NetNs.path(ns), null, null, "left");
    Exec.check("ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns);
    Exec.check("ip", "link", "set", veth, "master", BRIDGE, "up");
    Exec.check("ip", "-n", ns, "addr", "add", "10.244.250.250/24", "dev", "eth0");
    Path other = NetNs.path(BRIDGE + "-x-" + uid); // of a node on bridge lpit0-x, not this one's
    PodNamespaces.pin(other, null, null, "other");
    try {
      assertEquals(java.util.Set.of(pod.at("/metadata/uid").asText(), uid), runtime.sandboxes());
    } finally {
      PodNamespaces.release(other, null, null);
    }
    runtime.removePodSandbox(uid, Duration.ZERO);
    assertEquals(List.of(), Exec.run("ip", "link", "show", veth).stdout().lines().toList());
    assertTrue(!NetNs.exists(ns), ns);
  }

  @Test
  void aHundredPodsMadeAndRemovedLeaveNothing() {
    for (int i = 0; i < 100; i++) {
      JsonNode pod = pod("cycle-" + i, "[{'name':'sleeper','command':['sleep','1000']}]");
      Sandbox sandbox = runtime.runPodSandbox(pod, "");
      run(sandbox, pod, "sleeper");
      runtime.removePodSandbox(sandbox.id(), Duration.ZERO);
      assertEquals(List.of(), node.leftovers(), "after pod " + i);
    }
  }
}
