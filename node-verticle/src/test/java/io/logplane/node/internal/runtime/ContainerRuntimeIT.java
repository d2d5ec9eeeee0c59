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
import java.util.stream.Stream;
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

  private static Path data;
  private static Image busybox;
  private static UplinkGuard guard;
  private static ContainerRuntime runtime;
  private final List<String> sandboxes = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    RealNode.assume();
    guard = new UplinkGuard("logplane_it_pods", List.of("10.244.0.0/16", "10.96.0.0/12"));
    guard.install();
    data = Files.createTempDirectory("lprt");
    busybox = new Image(RealNode.busyboxRoot(data.resolve("busybox")), ImageConfig.ofCmd("sh"));
    runtime = new ContainerRuntime(new RuntimeConfig(data.resolve("node"), RealNode.RUNC,
        RealNode.CONMON, RealNode.CNI, BRIDGE, POD_CIDR, CGROUP_PARENT, busybox.rootfs(),
        List.of("sleep", "2147483647")), Capabilities.ofThisProcess());
  }

  @AfterEach
  void removePods() {
    for (String id : sandboxes) {
      runtime.removePodSandbox(id, Duration.ZERO);
    }
    assertEquals(List.of(), leftovers());
  }

  @AfterAll
  static void stop() {
    if (guard == null) {
      return;
    }
    Exec.run("ip", "link", "delete", BRIDGE);
    for (String controller : new String[] {"cpu", "memory", "pids", "devices", "freezer", "blkio",
        "cpuset", "cpuacct", "systemd"}) {
      Exec.run("rmdir", "/sys/fs/cgroup/" + controller + "/" + CGROUP_PARENT);
    }
    UplinkGuard.Counters dropped = guard.counters();
    guard.remove();
    Containers.deleteTree(data);
    // Every packet of these tests stayed on the node's bridge: none for the cluster's ranges even
    // tried to leave by the uplink (the rules would have dropped and counted it).
    assertEquals(new UplinkGuard.Counters(0, 0), dropped, "packets for the cluster ranges headed for the uplink");
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

  @Test
  void tenPodsMadeAndRemovedLeaveNothing() {
    for (int i = 0; i < 10; i++) {
      JsonNode pod = pod("cycle-" + i, "[{'name':'sleeper','command':['sleep','1000']}]");
      Sandbox sandbox = runtime.runPodSandbox(pod, "");
      run(sandbox, pod, "sleeper");
      runtime.removePodSandbox(sandbox.id(), Duration.ZERO);
      assertEquals(List.of(), leftovers(), "after pod " + i);
    }
  }

  /** Whatever of a pod outlived its removal: runc state, netns, veth, mounts, cgroups, addresses, conmons. */
  private static List<String> leftovers() {
    List<String> left = new ArrayList<>(runtime.containers());
    for (String ns : Exec.check("ip", "netns", "list").split("\n")) {
      if (ns.startsWith("lp-")) {
        left.add("netns " + ns);
      }
    }
    String veths = Exec.run("ip", "link", "show", "master", BRIDGE).stdout();
    if (!veths.isBlank()) {
      left.add("veth on " + BRIDGE + ": " + veths);
    }
    Mounts.under(data).forEach(m -> left.add("mount " + m));
    left.addAll(children(Path.of("/sys/fs/cgroup/memory", CGROUP_PARENT)));
    left.addAll(children(data.resolve("node/cni/ipam/" + PodNetwork.NAME)).stream()
        .filter(f -> f.matches(".*/\\d+\\.\\d+\\.\\d+\\.\\d+")).toList());
    left.addAll(children(data.resolve("node/containers")));
    left.addAll(children(data.resolve("node/pods")));
    for (String pid : Exec.run("pgrep", "-f", "conmon.*" + data).stdout().split("\n")) {
      if (!pid.isBlank()) {
        left.add("conmon " + pid);
      }
    }
    return left;
  }

  private static List<String> children(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> !dir.startsWith("/sys") || Files.isDirectory(p)).map(Path::toString).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
