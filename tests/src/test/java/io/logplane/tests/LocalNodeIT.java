package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.RealNode;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local node of {@code logplane up}, running real containers, seen through the real kubectl:
 * the Node Ready with this machine's capacity, a Deployment of busybox httpd (an image imported
 * into the node's store) rolled out with both pods Running at addresses of the node's CIDR that
 * answer HTTP from this host, their output read by {@code kubectl logs} through the API server
 * from the node's server, which listens on the node's InternalIP (an address of this machine)
 * at the port its Node reports, the kubelet's Events of their start shown by {@code kubectl
 * describe pod}, the imported image in the Node's {@code status.images}, and nothing of them
 * left once the Deployment is deleted; a container whose image may not be pulled has the
 * kubelet's warnings, as have failing probes and a volume that cannot be set up. The node
 * ({@link RealNodeFixture}) has names and ranges of its own; its uplink drop rules drop nothing
 * and go when it stops. Skipped, saying why, where real containers cannot run (not root, tools
 * missing). Its {@code hostPort}, {@code kubectl top} and DNS cases are {@link LocalNodeHostPortIT},
 * {@link LocalNodeTopIT} and {@link LocalNodeDnsIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalNodeIT {
  private static final RealNodeFixture.Names NAMES = new RealNodeFixture.Names("local-node-it",
      "10.244.247.0/24", "lpit7", "logplane_it_localnode", "logplane-it-localnode");
  private static final String NODE = NAMES.node();
  private static final String CIDR = NAMES.cidr();
  private static final String PREFIX = NAMES.prefix();
  private static final String BRIDGE = NAMES.bridge();

  @TempDir static Path dir;
  static RealNodeFixture fixture;
  static RealNode node;
  static Kubectl kubectl;
  static final List<String> podUids = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    fixture = RealNodeFixture.start(dir, NAMES);
    node = fixture.node;
    kubectl = fixture.kubectl;
  }

  @AfterAll
  static void stop() throws Exception {
    RealNodeFixture.stopCleanly(fixture); // no container runs, so its drop rules go
  }

  @Test
  @Order(1)
  void theNodeIsReadyWithThisMachinesCapacity() throws Exception {
    JsonNode n = await("the node is Ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> kubectl.json("get", "node", NODE), RealNodeFixture::ready);
    assertEquals(CIDR, n.at("/spec/podCIDR").asText());
    assertEquals(NODE, n.at("/metadata/labels/kubernetes.io~1hostname").asText());
    assertEquals("linux", n.at("/metadata/labels/kubernetes.io~1os").asText());
    String online = Files.readString(Path.of("/sys/devices/system/cpu/online")).trim();
    assertEquals(cpus(online), n.at("/status/capacity/cpu").asInt(), n.at("/status").toString());
    long memTotalKi = Long.parseLong(Files.readAllLines(Path.of("/proc/meminfo")).get(0)
        .replaceAll("\\D+", ""));
    assertEquals(memTotalKi * 1024, Quantities.bytes(n.at("/status/capacity/memory").asText()));
    assertTrue(n.at("/status/nodeInfo/containerRuntimeVersion").asText().startsWith("runc://"),
        n.at("/status/nodeInfo").toString());
    assertEquals(Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim(),
        n.at("/status/nodeInfo/bootID").asText());
    String ip = n.at("/status/addresses/0/address").asText();
    assertEquals("InternalIP", n.at("/status/addresses/0/type").asText());
    assertTrue(NetworkInterface.getByInetAddress(InetAddress.getByName(ip)) != null,
        "the node reports an address of another machine: " + ip);
    int port = n.at("/status/daemonEndpoints/kubeletEndpoint/Port").asInt();
    try (Socket s = new Socket(ip, port)) {
      assertTrue(s.isConnected(), "the node's server listens where its Node says");
    }
    List<String> names = new ArrayList<>();
    n.at("/status/images").forEach(i -> i.path("names").forEach(x -> names.add(x.asText())));
    assertTrue(names.stream().anyMatch(x -> x.endsWith("busybox:it")), n.at("/status/images").toString());
    assertTrue(n.at("/status/images/0/sizeBytes").asLong() > 0, n.at("/status/images").toString());
    String table = kubectl.ok("get", "nodes").out();
    assertTrue(table.lines().anyMatch(l -> l.matches(NODE + "\\s+Ready\\s+.*")), table);
  }

  @Test
  @Order(2)
  void aDeploymentOfBusyboxHttpdRunsAndAnswersOnItsPodsAddresses() throws Exception {
    kubectl.ok("apply", "-f", kubectl.manifest("web.yaml", RealNodeFixture.webDeployment(2,
        "[sh, -c, \"echo serving /www; exec httpd -f -p 8080 -h /www\"]", "ports: [{containerPort: 8080}]")));
    kubectl.ok("rollout", "status", "deploy/web", "--timeout=120s");
    String wide = kubectl.ok("get", "pods", "-l", "app=web", "-o", "wide").out();
    List<String> rows = wide.lines().filter(l -> l.startsWith("web-")).toList();
    assertEquals(2, rows.size(), wide);
    for (String row : rows) {
      assertTrue(row.matches("web-\\S+\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+" + PREFIX.replace(".", "\\.")
          + "\\d+\\s+" + NODE + "\\s+.*"), wide);
    }
    JsonNode pods = kubectl.json("get", "pods", "-l", "app=web");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (JsonNode pod : pods.path("items")) {
      podUids.add(pod.at("/metadata/uid").asText());
      String ip = pod.at("/status/podIP").asText();
      assertTrue(ip.startsWith(PREFIX), ip); // only addresses of this test's own range are asked
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/index.html"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertEquals("hello from a pod\n", r.body());
    }
  }

  @Test
  @Order(3)
  void kubectlLogsAndDescribeShowTheRunningPodsOutputAndEvents() throws Exception {
    assumeTrue(podUids.size() == 2, "the Deployment did not run");
    String pod = kubectl.json("get", "pods", "-l", "app=web").at("/items/0/metadata/name").asText();
    assertEquals("serving /www\n", kubectl.ok("logs", pod).out());
    assertEquals("serving /www\n", kubectl.ok("logs", "deploy/web").out());
    assertEquals("serving /www\n", kubectl.ok("logs", pod, "-c", "httpd", "--tail=1").out());
    // The node records the Events after the status that shows the container running.
    String described = await("the pod's events").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .until(() -> kubectl.ok("describe", "pod", pod).out(), d -> d.contains("Started container httpd"));
    for (String event : new String[] {
        "Normal\\s+Scheduled\\s+.*default-scheduler\\s+Successfully assigned default/" + pod + " to " + NODE,
        "Normal\\s+Pulled\\s+.*kubelet\\s+Container image \"busybox:it\" already present on machine",
        "Normal\\s+Created\\s+.*kubelet\\s+Created container httpd",
        "Normal\\s+Started\\s+.*kubelet\\s+Started container httpd"}) {
      assertTrue(described.lines().anyMatch(l -> l.trim().matches(event)), event + " in\n" + described);
    }
    assertEquals(0, node.uplinkDrops(), "packets of the cluster's ranges headed for the uplink");
  }

  @Test
  @Order(4)
  void theDeletedDeploymentsPodsLeaveNothingBehind() throws Exception {
    assumeTrue(podUids.size() == 2, "the Deployment did not run");
    kubectl.ok("delete", "deployment", "web");
    await("the pods are gone").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
        .until(() -> kubectl.json("get", "pods", "-l", "app=web").path("items").isEmpty());
    Path node = dir.resolve("data").resolve("node");
    await("their containers and namespaces are gone").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500)).until(() -> leftovers(node), List::isEmpty);
  }

  @Test
  @Order(5)
  void aContainerWhoseImageMayNotBePulledHasTheKubeletsWarnings() throws Exception {
    kubectl.ok("apply", "-f", kubectl.manifest("absent.yaml", """
        apiVersion: v1
        kind: Pod
        metadata: {name: absent, namespace: default}
        spec:
          nodeName: %s
          terminationGracePeriodSeconds: 1
          containers:
          - {name: c, image: "busybox:absent", imagePullPolicy: Never}
        """.formatted(NODE)));
    try {
      String described = await("the pod's warnings").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofSeconds(1)).until(() -> kubectl.ok("describe", "pod", "absent").out(),
              d -> d.contains("Error: ErrImageNeverPull"));
      for (String event : new String[] {
          "Warning\\s+ErrImageNeverPull\\s+.*kubelet\\s+Container image \"busybox:absent\" is not present with pull"
              + " policy of Never",
          "Warning\\s+Failed\\s+.*kubelet\\s+Error: ErrImageNeverPull"}) {
        assertTrue(described.lines().anyMatch(l -> l.trim().matches(event)), event + " in\n" + described);
      }
    } finally {
      kubectl.ok("delete", "pod", "absent", "--wait=false");
      await("the pod is gone").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
          .until(() -> kubectl.run("get", "pod", "absent").exit() != 0);
    }
  }

  @Test
  @Order(6)
  void theApiHoldsTheKubeletsEventsOfProbesRestartsAndMounts() throws Exception {
    kubectl.ok("apply", "-f", kubectl.manifest("sick.yaml", """
        apiVersion: v1
        kind: Pod
        metadata: {name: sick, namespace: default}
        spec:
          nodeName: %1$s
          terminationGracePeriodSeconds: 1
          containers:
          - name: web
            image: busybox:it
            imagePullPolicy: Never
            command: [httpd, -f, -p, "8080", -h, /etc]
            readinessProbe: {httpGet: {port: 8080, path: /none}, periodSeconds: 1}
            livenessProbe:
              exec: {command: [sh, -c, "echo sick; exit 1"]}
              initialDelaySeconds: 2
              periodSeconds: 1
              failureThreshold: 2
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: mountless, namespace: default}
        spec:
          nodeName: %1$s
          terminationGracePeriodSeconds: 1
          containers:
          - {name: c, image: busybox:it, imagePullPolicy: Never, volumeMounts: [{name: cfg, mountPath: /cfg}]}
          volumes:
          - {name: cfg, configMap: {name: missing}}
        """.formatted(NODE)));
    try {
      String uid = kubectl.json("get", "pod", "sick").at("/metadata/uid").asText();
      List<String> sick = await("the sick pod's back-off").atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1)).until(() -> events("sick"),
              e -> e.stream().anyMatch(x -> x.contains("BackOff")));
      for (String event : new String[] {
          "Normal Pulled spec.containers{web}: Container image \"busybox:it\" already present on machine",
          "Normal Created spec.containers{web}: Created container web",
          "Normal Started spec.containers{web}: Started container web",
          "Warning Unhealthy spec.containers{web}: Readiness probe failed: HTTP probe failed with statuscode: 404",
          "Warning Unhealthy spec.containers{web}: Liveness probe failed: sick\n",
          "Normal Killing spec.containers{web}: Container web failed liveness probe, will be restarted",
          "Warning BackOff spec.containers{web}: Back-off restarting failed container web in pod sick_default("
              + uid + ")"}) {
        assertTrue(sick.contains(event), event + " in\n" + String.join("\n", sick));
      }
      // The readiness probe failed each second: one Event counted again and again, as kubelet's
      // (the same failure: a probe before httpd listened fails otherwise, an Event of its own).
      List<JsonNode> unready = new ArrayList<>();
      for (JsonNode e : kubectl.json("get", "events").path("items")) {
        if (uid.equals(e.at("/involvedObject/uid").asText()) && e.path("message").asText()
            .equals("Readiness probe failed: HTTP probe failed with statuscode: 404")) {
          unready.add(e);
        }
      }
      assertEquals(1, unready.size(), unready.toString());
      assertTrue(unready.get(0).path("count").asInt() >= 2, unready.toString());
      String described = kubectl.ok("describe", "pod", "sick").out();
      assertTrue(described.matches("(?s).*Unhealthy +\\S+ \\(x\\d+ over \\S+\\) +kubelet +Readiness probe failed.*"),
          described);
      List<String> mountless = await("the FailedMount event").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofSeconds(1)).until(() -> events("mountless"), e -> !e.isEmpty());
      assertEquals(List.of("Warning FailedMount : MountVolume.SetUp failed for volume \"cfg\" : configmap"
          + " \"missing\" not found"), mountless);
    } finally {
      kubectl.ok("delete", "pod", "sick", "mountless", "--wait=false");
      await("the pods are gone").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
          .until(() -> kubectl.json("get", "pods").path("items").isEmpty());
    }
  }

  /** The Events of pod {@code name} from the kubelet, each {@code type reason fieldPath: message}. */
  private static List<String> events(String name) throws Exception {
    List<String> found = new ArrayList<>();
    for (JsonNode e : kubectl.json("get", "events").path("items")) {
      if (name.equals(e.at("/involvedObject/name").asText()) && "kubelet".equals(e.at("/source/component").asText())) {
        found.add(e.path("type").asText() + " " + e.path("reason").asText() + " "
            + e.at("/involvedObject/fieldPath").asText() + ": " + e.path("message").asText());
      }
    }
    return found;
  }

  /** What is left of the Deployment's pods on the machine: containers, netns, veths, pod files. */
  private static List<String> leftovers(Path node) throws Exception {
    List<String> left = new ArrayList<>();
    String netns = RealNodeFixture.run("ip", "netns", "list").out();
    for (String uid : podUids) {
      if (netns.contains(BRIDGE + "-" + uid)) {
        left.add("netns " + BRIDGE + "-" + uid);
      }
      for (String sub : new String[] {"containers", "pods"}) {
        try (var list = Files.list(node.resolve(sub))) {
          list.filter(p -> p.getFileName().toString().startsWith(uid)).forEach(p -> left.add(p.toString()));
        }
      }
    }
    String veths = RealNodeFixture.run("ip", "link", "show", "master", BRIDGE).out();
    if (!veths.isBlank()) {
      left.add("veths: " + veths);
    }
    return left;
  }

  /** The count of CPUs in a list such as {@code 0-3,6}. */
  private static int cpus(String list) {
    int n = 0;
    for (String part : list.split(",")) {
      String[] r = part.split("-");
      n += r.length == 1 ? 1 : Integer.parseInt(r[1]) - Integer.parseInt(r[0]) + 1;
    }
    return n;
  }
}
