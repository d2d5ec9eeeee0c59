package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import io.logplane.launcher.UpCommand;
import io.logplane.node.NodeImages;
import io.logplane.node.RealNode;
import io.logplane.node.RealNodeOptions;
import io.logplane.node.internal.images.BusyboxArchive;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
 * kubelet's warnings. The node has a bridge, pod CIDR, nftables table, cgroup
 * and server port (any free one) of its own, apart from other tests' and from a
 * {@code logplane up} on this machine; its uplink drop rules drop nothing and go when it stops.
 * Skipped, saying why, where real containers cannot run (not root, tools missing).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalNodeIT {
  private static final String NODE = "local-node-it";
  private static final String CIDR = "10.244.247.0/24";
  private static final String PREFIX = "10.244.247.";
  private static final String BRIDGE = "lpit7";
  private static final String TABLE = "logplane_it_localnode";
  private static final String CGROUP = "logplane-it-localnode";

  @TempDir static Path dir;
  static Cluster cluster;
  static RealNode node;
  static Kubectl kubectl;
  static final List<String> podUids = new ArrayList<>();
  static Upstream upstream;
  static int dnsPort;

  @BeforeAll
  static void start() throws Exception {
    Optional<String> cannot = RealNode.cannotRun();
    assumeTrue(cannot.isEmpty(), () -> "a real node cannot run here: " + cannot.orElse(""));
    upstream = new Upstream();
    dnsPort = ClusterFixture.freeUdpPort();
    cluster = ClusterFixture.withDns(dir, dnsPort, upstream.address());
    Path data = dir.resolve("data");
    List<NodeImages.Entry> imported = new NodeImages(data).importArchive(
        BusyboxArchive.write(dir.resolve("busybox.tar"), dir.resolve("image"), "busybox:it"));
    assertEquals(1, imported.size(), imported.toString());
    node = UpCommand.deployLocalNode(cluster, RealNodeOptions.of(NODE, data).withPodCidr(CIDR)
        .withHostNames(BRIDGE, TABLE, CGROUP).withPort(0));
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster == null) {
      return;
    }
    long dropped = node.uplinkDrops();
    cluster.close(); // stops the node: no container runs, so its drop rules go
    upstream.close();
    boolean guardLeft = run("nft", "list", "table", "inet", TABLE).exit == 0;
    run("ip", "link", "delete", BRIDGE);
    for (String controller : new String[] {"cpu", "memory", "pids", "devices", "freezer", "blkio",
        "cpuset", "cpuacct", "systemd"}) {
      run("rmdir", "/sys/fs/cgroup/" + controller + "/" + CGROUP);
    }
    if (guardLeft) {
      run("nft", "delete", "table", "inet", TABLE);
    }
    assertEquals(0, dropped, "packets of the cluster's ranges headed for the uplink");
    assertFalse(guardLeft, "the drop rules outlived the node's clean stop");
  }

  @Test
  @Order(1)
  void theNodeIsReadyWithThisMachinesCapacity() throws Exception {
    JsonNode n = await("the node is Ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> kubectl.json("get", "node", NODE), LocalNodeIT::ready);
    assertEquals(CIDR, n.at("/spec/podCIDR").asText());
    assertEquals(NODE, n.at("/metadata/labels/kubernetes.io~1hostname").asText());
    assertEquals("linux", n.at("/metadata/labels/kubernetes.io~1os").asText());
    String online = Files.readString(Path.of("/sys/devices/system/cpu/online")).trim();
    assertEquals(cpus(online), n.at("/status/capacity/cpu").asInt(), n.at("/status").toString());
    long memTotalKi = Long.parseLong(Files.readAllLines(Path.of("/proc/meminfo")).get(0)
        .replaceAll("\\D+", ""));
    assertEquals(memTotalKi * 1024, bytes(n.at("/status/capacity/memory").asText()));
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
    kubectl.ok("apply", "-f", kubectl.manifest("web.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              terminationGracePeriodSeconds: 2
              containers:
              - name: httpd
                image: busybox:it
                imagePullPolicy: Never
                command: [sh, -c, "echo serving /www; exec httpd -f -p 8080 -h /www"]
                ports: [{containerPort: 8080}]
        """));
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

  @Test
  @Order(7)
  void kubectlTopShowsTheCpuAndMemoryOfTheContainersAndTheNode() throws Exception {
    kubectl.ok("apply", "-f", kubectl.manifest("busy.yaml", """
        apiVersion: v1
        kind: Pod
        metadata: {name: busy, namespace: default}
        spec:
          nodeName: %1$s
          terminationGracePeriodSeconds: 1
          containers:
          - {name: spin, image: busybox:it, imagePullPolicy: Never, command: [sh, -c, "while :; do :; done"]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: hog, namespace: default}
        spec:
          nodeName: %1$s
          terminationGracePeriodSeconds: 1
          containers:
          - name: hold
            image: busybox:it
            imagePullPolicy: Never
            # a loop, not a last command the shell would exec, freeing the variable
            command: [sh, -c, "x=$(head -c 50000000 /dev/zero | tr '\\\\0' a); while :; do sleep 3600; done"]
        """.formatted(NODE)));
    try {
      kubectl.ok("wait", "--for=condition=Ready", "pod/busy", "pod/hog", "--timeout=60s");
      String busy = await("busy's usage").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
          .until(() -> kubectl.run("top", "pod", "busy", "--no-headers").out(), o -> o.startsWith("busy"));
      String[] b = busy.trim().split("\\s+");
      assertTrue(millicores(b[1]) > 100, "a spinning container uses over 100m: " + busy);
      String hog = await("hog's usage").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
          .until(() -> kubectl.run("top", "pod", "hog", "--no-headers").out(),
              o -> o.startsWith("hog") && bytes(o.trim().split("\\s+")[2]) >= 40L << 20);
      assertTrue(bytes(hog.trim().split("\\s+")[2]) < 1L << 30, hog);
      String containers = kubectl.ok("top", "pod", "busy", "--containers", "--no-headers").out();
      assertTrue(containers.matches("(?s)busy\\s+spin\\s+\\d+m\\s+\\d+Mi\\s*"), containers);
      String node = await("the node's usage").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
          .until(() -> kubectl.run("top", "node", NODE, "--no-headers").out(), o -> o.startsWith(NODE));
      String[] n = node.trim().split("\\s+");
      assertTrue(millicores(n[1]) >= 100, "the node's cpu counts the spinning container: " + node);
      assertTrue(n[2].endsWith("%") && n[3].endsWith("Mi") && n[4].endsWith("%"), node);
    } finally {
      kubectl.ok("delete", "pod", "busy", "hog", "--wait=false");
      await("the pods are gone").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
          .until(() -> kubectl.json("get", "pods").path("items").isEmpty());
    }
  }

  @Test
  @Order(8)
  void aHostPortServesThePodOnTheNodesAddressAndASecondPodWantingItIsNotScheduled() throws Exception {
    String ip = kubectl.json("get", "node", NODE).at("/status/addresses/0/address").asText();
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String pod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: %s, namespace: default}
        spec:
          terminationGracePeriodSeconds: 1
          containers:
          - name: web
            image: busybox:it
            imagePullPolicy: Never
            command: [httpd, -f, -p, "8080", -h, /www]
            ports: [{containerPort: 8080, hostPort: %d}]
        """;
    kubectl.ok("apply", "-f", kubectl.manifest("hostport.yaml", pod.formatted("hostport", port)));
    try {
      kubectl.ok("wait", "--for=condition=Ready", "pod/hostport", "--timeout=60s");
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://" + ip + ":" + port + "/index.html")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertEquals("hello from a pod\n", r.body());
      kubectl.ok("apply", "-f", kubectl.manifest("hostport2.yaml", pod.formatted("hostport2", port)));
      String described = await("the second pod is not scheduled").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofSeconds(1)).until(() -> kubectl.ok("describe", "pod", "hostport2").out(),
              d -> d.contains("FailedScheduling"));
      assertTrue(described.contains("0/1 nodes are available: 1 node(s) didn't have free ports for the requested"
          + " pod ports."), described);
      assertEquals("Pending", kubectl.json("get", "pod", "hostport2").at("/status/phase").asText());
    } finally {
      kubectl.ok("delete", "pod", "hostport", "hostport2", "--wait=false", "--ignore-not-found");
      await("the pods are gone").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
          .until(() -> kubectl.json("get", "pods").path("items").isEmpty());
    }
  }

  private static long millicores(String q) {
    return q.endsWith("m") ? Long.parseLong(q.substring(0, q.length() - 1)) : Long.parseLong(q) * 1000;
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
    String netns = run("ip", "netns", "list").out;
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
    String veths = run("ip", "link", "show", "master", BRIDGE).out;
    if (!veths.isBlank()) {
      left.add("veths: " + veths);
    }
    return left;
  }

  private static boolean ready(JsonNode node) {
    for (JsonNode c : node.at("/status/conditions")) {
      if ("Ready".equals(c.path("type").asText())) {
        return "True".equals(c.path("status").asText());
      }
    }
    return false;
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

  /** Bytes of a binary-suffixed quantity ({@code 8148000Ki}, {@code 2Gi}) or a plain count. */
  private static long bytes(String q) {
    String[] units = {"Ki", "Mi", "Gi", "Ti"};
    for (int i = 0; i < units.length; i++) {
      if (q.endsWith(units[i])) {
        return Long.parseLong(q.substring(0, q.length() - 2)) << (10 * (i + 1));
      }
    }
    return Long.parseLong(q);
  }

  private record Ran(int exit, String out) {}

  private static Ran run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " did not end");
    return new Ran(p.exitValue(), out);
  }


  @Test
  @Order(9)
  void aPodsResolvConfNamesTheClusterDnsWhichAnswersIt() throws Exception {
    kubectl.ok("apply", "-f", kubectl.manifest("dns-client.yaml", """
        apiVersion: v1
        kind: Pod
        metadata: {name: dns-client, namespace: default}
        spec:
          nodeName: %s
          terminationGracePeriodSeconds: 1
          containers:
          - {name: c, image: "busybox:it", imagePullPolicy: Never, command: [sleep, "3600"]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: named, namespace: default}
        spec:
          ports: [{port: 80}]
        """.formatted(NODE)));
    kubectl.ok("wait", "--for=condition=Ready", "pod/dns-client", "--timeout=60s");
    assertEquals("nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local",
        kubectl.ok("exec", "dns-client", "--", "cat", "/etc/resolv.conf").out().lines().limit(2)
            .reduce((a, b) -> a + "\n" + b).orElse(""));
    // Until the service proxy brings pods from kube-dns's cluster IP to it, the DNS is asked
    // where it listens for pods: the node's address.
    String hostIp = kubectl.json("get", "node", NODE).at("/status/addresses/0/address").asText();
    String clusterIp = kubectl.json("get", "svc", "named").at("/spec/clusterIP").asText();
    String out = kubectl.ok("exec", "dns-client", "--", "nslookup", "-type=a",
        "named.default.svc.cluster.local", hostIp + ":" + dnsPort).out();
    assertTrue(out.contains("Address: " + clusterIp), out);
    // Gone before the node stops: a container still running then keeps the node's drop rules.
    kubectl.ok("delete", "pod", "dns-client", "--timeout=60s");
    kubectl.ok("delete", "service", "named");
  }
}
