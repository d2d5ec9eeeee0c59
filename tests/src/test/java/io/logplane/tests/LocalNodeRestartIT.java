package io.logplane.tests;

import static io.logplane.tests.RealNodeFixture.ready;
import static io.logplane.tests.RealNodeFixture.run;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.runtime.UplinkGuard;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logplane up} with its local node, as a process, killed with SIGKILL (every JVM of it,
 * as a crash would; conmon and the containers are not its children and live on), then started
 * again on the same data directory: the Deployment's pods stay Running with the very containers
 * they had (same ids, start times, no restart, no second copy in runc), and a pod deleted while
 * the node was away (by a server run without it meanwhile) is cleaned up once it is back: its
 * containers, network namespace, veth and bundles gone. No packet of the cluster's ranges is
 * dropped on the uplink. The node has a name, bridge, pod CIDR, nftables table, cgroup and
 * server port of its own. Skipped, saying why, where real containers cannot run.
 */
class LocalNodeRestartIT {
  private static final RealNodeFixture.Names NAMES = new RealNodeFixture.Names("restart-node-it",
      "10.244.236.0/24", "lpit46", "logplane_it_uprestart", "logplane-it-uprestart");
  private static final String NODE = NAMES.node();
  private static final String CIDR = NAMES.cidr();
  private static final String BRIDGE = NAMES.bridge();
  private static final String TABLE = NAMES.table();
  private static final String CGROUP = NAMES.cgroup();
  private static final String READY = "Logplane is ready at";

  @TempDir static Path dir;
  static Path data;
  static int apiPort;
  static Process server;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    RealNodeFixture.assumeRealNodes();
    data = dir.resolve("data");
    RealNodeFixture.importBusybox(dir, data);
    try (ServerSocket s = new ServerSocket(0)) {
      apiPort = s.getLocalPort();
    }
    server = up("first", true);
    kubectl = new Kubectl(data.resolve("kubeconfig"), dir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server == null) {
      return;
    }
    try {
      if (server.isAlive()) {
        kubectl.run("delete", "deploy/web", "pod/lonely", "--ignore-not-found", "--wait=true", "--timeout=60s");
        await("no container is left").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
            .until(LocalNodeRestartIT::runc, List::isEmpty);
        server.destroy();
        server.waitFor(60, TimeUnit.SECONDS);
      }
    } finally {
      server.destroyForcibly();
      RealNodeFixture.cleanUp(NAMES);
    }
  }

  @Test
  void aKilledServerComesBackAdoptingItsPodsContainersAndCleaningThoseOfAPodDeletedMeanwhile()
      throws Exception {
    await("the node is Ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> kubectl.run("get", "node", NODE).exit() == 0
            && ready(kubectl.json("get", "node", NODE)));
    kubectl.ok("apply", "-f", kubectl.manifest("web.yaml", RealNodeFixture.webDeployment(2,
        "[httpd, -f, -p, \"8080\", -h, /www]") + """
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: lonely, namespace: default}
        spec:
          terminationGracePeriodSeconds: 2
          containers:
          - name: sleeper
            image: busybox:it
            imagePullPolicy: Never
            command: [sleep, "100000"]
        """));
    kubectl.ok("rollout", "status", "deploy/web", "--timeout=120s");
    kubectl.ok("wait", "--for=condition=Ready", "pod/lonely", "--timeout=120s");
    Map<String, String> before = containers();
    assertTrue(before.values().stream().allMatch(c -> c.matches("runc://\\S+ sha256:[0-9a-f]{64} .*")),
        "imported from a docker archive, with no manifest, the image is known by its config's digest: " + before);
    String lonely = kubectl.json("get", "pod", "lonely").at("/metadata/uid").asText();
    List<String> runcBefore = runc();
    assertEquals(3, runcBefore.size(), "a container for each pod (their namespaces kept by files, no holder): " + runcBefore);
    assertEquals(new UplinkGuard.Counters(0, 0), guard().counters());

    killEveryJvm(server);
    assertEquals(runcBefore, runc(), "the containers outlive their node agent");

    // The node is away while the pod is deleted: a server without it takes the deletion.
    Process alone = up("alone", false);
    kubectl.ok("delete", "pod", "lonely", "--grace-period=0", "--force");
    alone.destroy();
    assertTrue(alone.waitFor(60, TimeUnit.SECONDS), "the server without its node did not stop");
    assertEquals(runcBefore, runc(), "nothing stops the containers while no node runs");

    server = up("again", true);
    await("the deleted pod's containers are removed").atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1)).until(() -> runc().stream().noneMatch(id -> id.startsWith(lonely)));
    await("the node is Ready again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> ready(kubectl.json("get", "node", NODE)));
    List<String> runcAfter = runc();
    assertEquals(runcBefore.stream().filter(id -> !id.startsWith(lonely)).toList(), runcAfter,
        () -> "the same containers, none made again; events:\n"
            + kubectl.run("get", "events", "--sort-by=.metadata.resourceVersion").out());
    assertEquals(before.entrySet().stream().filter(e -> !e.getKey().equals("lonely"))
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue,
            (a, b) -> a, TreeMap::new)), containers(), "the same runs, Running, restartCount 0");
    assertFalse(run("ip", "netns", "list").out().contains(BRIDGE + "-" + lonely), "the netns is gone");
    for (String sub : new String[] {"containers", "pods"}) {
      try (Stream<Path> list = Files.list(data.resolve("node").resolve(sub))) {
        assertEquals(List.of(), list.filter(p -> p.getFileName().toString().startsWith(lonely)).toList(),
            "the deleted pod's " + sub);
      }
    }
    String veths = run("ip", "-o", "link", "show", "master", BRIDGE).out();
    assertEquals(2, veths.lines().filter(l -> !l.isBlank()).count(), "a veth for each pod left: " + veths);
    assertEquals(new UplinkGuard.Counters(0, 0), guard().counters());

    kubectl.ok("delete", "deploy/web", "--wait=true");
    await("the Deployment's containers are gone").atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1)).until(LocalNodeRestartIT::runc, List::isEmpty);
    assertEquals(new UplinkGuard.Counters(0, 0), guard().counters());
  }

  /** Each pod's container as its status shows it: id, image id, start, restart count, phase. */
  private static Map<String, String> containers() throws IOException {
    Map<String, String> found = new TreeMap<>();
    for (JsonNode pod : kubectl.json("get", "pods").path("items")) {
      JsonNode c = pod.at("/status/containerStatuses/0");
      found.put(pod.at("/metadata/name").asText(), c.path("containerID").asText() + " " + c.path("imageID").asText()
              + " " + c.at("/state/running/startedAt").asText()
              + " restarts=" + c.path("restartCount").asInt() + " " + pod.at("/status/phase").asText());
    }
    return found;
  }

  /** The ids of the containers runc holds for the node, holders included, sorted. */
  private static List<String> runc() throws Exception {
    Path root = data.resolve("node/runc");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    RealNodeFixture.Ran r = run("runc", "--root", root.toString(), "list", "-q");
    // runc lists by reading each container's directory; one removed meanwhile fails the whole listing.
    for (int tries = 1; r.exit() != 0 && r.out().contains("no such file or directory") && tries < 5; tries++) {
      r = run("runc", "--root", root.toString(), "list", "-q");
    }
    assertEquals(0, r.exit(), r.out());
    return List.copyOf(new TreeSet<>(r.out().lines().filter(l -> !l.isBlank()).toList()));
  }

  private static UplinkGuard guard() {
    return new UplinkGuard(TABLE, List.of(CIDR));
  }

  /** SIGKILL to the launcher's JVM and every JVM it started, as a crash of the machine's java would. */
  private static void killEveryJvm(Process launcher) throws InterruptedException {
    List<ProcessHandle> jvms = new ArrayList<>();
    jvms.add(launcher.toHandle());
    launcher.toHandle().descendants()
        .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
        .forEach(jvms::add);
    assertTrue(jvms.size() >= 2, "the launcher started the server's JVM: " + jvms);
    for (int i = jvms.size() - 1; i >= 0; i--) {
      jvms.get(i).destroyForcibly();
    }
    for (ProcessHandle h : jvms) {
      h.onExit().join();
    }
    assertTrue(launcher.waitFor(30, TimeUnit.SECONDS));
  }

  /** {@code logplane up} on the data directory, with the node or without; once it is ready. */
  private static Process up(String name, boolean withNode) throws Exception {
    Path log = Files.createDirectories(Path.of("target", "LocalNodeRestartIT")).resolve(name + ".log")
        .toAbsolutePath();
    String java = ProcessHandle.current().info().command().orElse("java");
    Path jar = Path.of("..", "launcher", "target", "logplane.jar").toAbsolutePath().normalize();
    List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString(), "up",
        "--data-dir", data.toString(), "--api-port", Integer.toString(apiPort),
        "--ingress-port=-1", "--ingress-tls-port=-1", "--dns-port", "0"));
    if (withNode) {
      command.addAll(List.of("--node-name", NODE, "--pod-cidr", CIDR, "--node-host-names",
          BRIDGE + "," + TABLE + "," + CGROUP, "--node-port", "0"));
    } else {
      command.add("--no-local-node");
    }
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    await(name + " server ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
        .until(() -> !p.isAlive() || Files.readString(log, StandardCharsets.ISO_8859_1).contains(READY));
    String out = Files.readString(log, StandardCharsets.ISO_8859_1);
    assertTrue(p.isAlive() && out.contains(READY), () -> "server did not start:\n" + out);
    assertFalse(withNode && out.contains("no local node"), out);
    return p;
  }
}
