package io.logplane.node.internal.proxy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.logplane.node.internal.agent.PodStatusMaker;
import io.logplane.node.internal.real.RealPods;
import io.logplane.node.internal.runtime.RealNode;
import io.logplane.node.internal.runtime.UplinkGuard;
import io.logplane.node.internal.nft.Sync;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service proxy's rules in the kernel, between real pods on runc: two busybox httpd pods
 * behind Services, reached with {@code curl} from the host and from inside a pod's
 * network namespace (curl: busybox wget crashes on a connect timeout). The Services and EndpointSlices are given to the proxy as its watches
 * would give them.
 */
class ServiceProxyIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TABLE = "logplane_it_proxy";
  private static final String NODE = "proxy-node";
  private static final ProxyRules.Ranges RANGES = new ProxyRules.Ranges("10.244.0.0/16",
      "10.96.0.0/12", List.of("10.200.250.0/24"));

  private static RealNode node;
  private static ExecutorService executor;
  private static RealPods pods;
  private static ServiceProxy proxy;
  private static final List<JsonNode> MADE = new ArrayList<>();
  private static JsonNode webA;
  private static JsonNode webB;
  private static JsonNode client;
  private static String hostIp;

  @BeforeAll
  static void start() throws IOException {
    node = RealNode.start("logplane_it_proxyguard", "10.244.249.0/24", "lpit9", "logplane-it-proxy");
    executor = Executors.newCachedThreadPool();
    pods = new RealPods(node.runtime, (reference, policy, auths) -> node.busybox, "", Clock.systemUTC(),
        executor);
    proxy = new ServiceProxy(TABLE, RANGES, NODE);
    hostIp = thisMachinesAddress();
    webA = running(web("web-a"));
    webB = running(web("web-b"));
    client = running(pod("client", "{'containers':[{'name':'c','image':'busybox',"
        + "'command':['sh','-c','trap \\\"exit 0\\\" TERM; sleep 1000 & wait']}]}"));
    proxy.servicesListed(List.of());
    proxy.slicesListed(List.of());
  }

  @AfterAll
  static void stop() {
    if (node == null) {
      return;
    }
    try {
      proxy.close();
      assertFalse(proxy.installed(), "the proxy's table is removed on a clean stop");
      MADE.forEach(p -> pods.forget(p.path("metadata").path("uid").asText()));
      await("the pods are gone").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
          .until(node::leftovers, List::isEmpty);
    } finally {
      executor.shutdownNow();
      assertEquals(new UplinkGuard.Counters(0, 0), node.stop(),
          "packets for the cluster ranges headed for the uplink");
    }
  }

  private static JsonNode web(String name) throws IOException {
    return pod(name, "{'terminationGracePeriodSeconds':1,'containers':[{'name':'web','image':'busybox',"
        + "'command':['sh','-c','mkdir -p /tmp/w && echo " + name + " > /tmp/w/index.html"
        + " && exec httpd -f -p 8080 -h /tmp/w']}]}");
  }

  private static JsonNode pod(String name, String spec) throws IOException {
    JsonNode pod = JSON.readTree(("{'metadata':{'name':'" + name + "','namespace':'it','uid':'"
        + UUID.randomUUID() + "'},'spec':" + spec + "}").replace('\'', '"'));
    MADE.add(pod);
    return pod;
  }

  /** The pod once it runs, its status's podIP put in. */
  private static JsonNode running(JsonNode pod) {
    JsonNode status = await("pod " + pod.at("/metadata/name").asText() + " runs").atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(100)).until(() -> PodStatusMaker.status(pod,
            pods.observe(pod, hostIp, null, Instant.now(), Instant.now(), null).runs()),
            s -> s.at("/containerStatuses/0/state").has("running") && !s.path("podIP").asText().isEmpty());
    ObjectNode copy = pod.deepCopy();
    copy.set("status", status);
    return copy;
  }

  private static String ip(JsonNode pod) {
    return pod.at("/status/podIP").asText();
  }

  private static JsonNode json(String s) {
    try {
      return JSON.readTree(s.replace('\'', '"'));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static JsonNode service(String name, String clusterIp, String more) {
    return json("{'metadata':{'namespace':'it','name':'" + name + "'},'spec':{'clusterIP':'" + clusterIp
        + "','ports':[{'name':'http','port':80,'protocol':'TCP','targetPort':8080}]" + more + "}}");
  }

  static JsonNode slice(String service, int port, String... endpoints) {
    StringBuilder e = new StringBuilder();
    for (String ep : endpoints) {
      String[] parts = ep.split("=");
      e.append(e.length() == 0 ? "" : ",").append("{'addresses':['").append(parts[0])
          .append("'],'conditions':{'ready':").append(parts.length == 1 || parts[1].equals("ready"))
          .append("},'nodeName':'" + NODE + "'}");
    }
    return json("{'metadata':{'namespace':'it','name':'" + service + "-1','labels':{'kubernetes.io/service-name':'"
        + service + "'}},'addressType':'IPv4','ports':[{'name':'http','port':" + port
        + ",'protocol':'TCP'}],'endpoints':[" + e + "]}");
  }

  /** curl of {@code url} from the host ({@code from} null) or from a pod's netns: body or error. */
  private static String get(JsonNode from, String url) {
    List<String> command = new ArrayList<>();
    if (from != null) {
      command.addAll(List.of("ip", "netns", "exec", node.netns(from.at("/metadata/uid").asText())));
    }
    command.addAll(List.of("curl", "-sS", "--connect-timeout", "2", "-m", "3", url));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor();
      return out;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The bodies of {@code n} requests. */
  private static Set<String> answers(JsonNode from, String url, int n) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < n; i++) {
      seen.add(get(from, url));
    }
    return seen;
  }

  @Test
  void aClusterIpSpreadsOverItsEndpointsFromTheHostAndFromPodsAndStopsSendingToAnUnreadyOne() {
    proxy.serviceChanged("ADDED", service("web", "10.96.0.50", ""));
    proxy.sliceChanged("ADDED", slice("web", 8080, ip(webA), ip(webB)));
    String url = "http://10.96.0.50/index.html";
    Set<String> both = Set.of("web-a", "web-b");
    await("the host reaches both endpoints").atMost(Duration.ofSeconds(10))
        .until(() -> answers(null, url, 20), both::equals);
    assertEquals(both, answers(client, url, 20), "from a pod");
    assertEquals(both, answers(webA, url, 20), "from an endpoint itself (hairpin)");

    proxy.sliceChanged("MODIFIED", slice("web", 8080, ip(webA) + "=unready", ip(webB)));
    await("an unready endpoint gets no more traffic").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50)).until(() -> answers(null, url, 10), Set.of("web-b")::equals);
    assertEquals(Set.of("web-b"), answers(client, url, 20));
  }

  @Test
  void aNodePortAnswersOnTheNodesAddress() {
    JsonNode np = service("np", "10.96.0.51", ",'type':'NodePort'");
    ((ObjectNode) np.at("/spec/ports/0")).put("nodePort", 30551);
    proxy.serviceChanged("ADDED", np);
    proxy.sliceChanged("ADDED", slice("np", 8080, ip(webA)));
    String url = "http://" + hostIp + ":30551/index.html";
    await("the node port answers").atMost(Duration.ofSeconds(10)).until(() -> get(null, url), "web-a"::equals);
    assertEquals("web-a", get(client, url), "from a pod");
  }

  @Test
  void aClusterIpWithoutEndpointsIsRefusedAndAnUnallocatedAddressIsDroppedOnTheHost() {
    proxy.serviceChanged("ADDED", service("empty", "10.96.0.52", ""));
    proxy.sliceChanged("ADDED", slice("empty", 8080));
    ServiceProxy.Counters before = proxy.counters();
    await("no endpoints: refused").atMost(Duration.ofSeconds(10))
        .until(() -> get(null, "http://10.96.0.52/"), s -> s.startsWith("curl: (7)"));
    assertTrue(get(client, "http://10.96.0.52/").startsWith("curl: (7)"), "from a pod: refused");
    String lost = get(null, "http://10.96.123.45/");
    assertTrue(lost.startsWith("curl: (28)"), lost);
    assertTrue(get(client, "http://10.96.123.45/").startsWith("curl: (28)"), "from a pod");
    assertTrue(get(client, "http://10.200.250.77/").startsWith("curl: (28)"), "an unallocated pool address");
    ServiceProxy.Counters after = proxy.counters();
    assertTrue(after.rejected() >= before.rejected() + 2, after.toString());
    assertTrue(after.dropped() >= before.dropped() + 3, after.toString());
  }

  @Test
  void clientIpAffinitySticksToOneEndpoint() {
    proxy.serviceChanged("ADDED", service("sticky", "10.96.0.53", ",'sessionAffinity':'ClientIP'"));
    proxy.sliceChanged("ADDED", slice("sticky", 8080, ip(webA), ip(webB)));
    String url = "http://10.96.0.53/index.html";
    await("the service answers").atMost(Duration.ofSeconds(10)).until(() -> get(null, url).startsWith("web-"));
    assertEquals(1, answers(null, url, 20).size(), "the host sticks");
    assertEquals(1, answers(client, url, 20).size(), "a pod sticks");
  }

  @Test
  void aLoadBalancerIngressAddressAnswers() {
    ObjectNode lb = (ObjectNode) service("lb", "10.96.0.54", ",'type':'LoadBalancer'");
    lb.putObject("status").putObject("loadBalancer").putArray("ingress").addObject().put("ip", "10.200.250.1");
    proxy.serviceChanged("ADDED", lb);
    proxy.sliceChanged("ADDED", slice("lb", 8080, ip(webB)));
    await("the ingress address answers").atMost(Duration.ofSeconds(10))
        .until(() -> get(null, "http://10.200.250.1/index.html"), "web-b"::equals);
    assertEquals("web-b", get(client, "http://10.200.250.1/index.html"), "from a pod");
  }

  @Test
  void aServiceWhoseEndpointIsTheHostsOwnAddressReachesTheHost() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(hostIp, 0), 0);
    server.createContext("/", x -> {
      byte[] body = "the host\n".getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(200, body.length);
      x.getResponseBody().write(body);
      x.close();
    });
    server.start();
    try {
      proxy.serviceChanged("ADDED", service("hosted", "10.96.0.55", ""));
      proxy.sliceChanged("ADDED", slice("hosted", server.getAddress().getPort(), hostIp));
      await("a pod reaches the host through the service").atMost(Duration.ofSeconds(10))
          .until(() -> get(client, "http://10.96.0.55/"), "the host"::equals);
      assertEquals("the host", get(null, "http://10.96.0.55/"), "from the host");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aUdpServiceWhoseEndpointIsTheHostAnswersAPod() throws Exception {
    try (UdpEcho echo = new UdpEcho(hostIp, "echo")) {
      ObjectNode dns = (ObjectNode) service("dns", "10.96.0.56", "");
      ((ObjectNode) dns.at("/spec/ports/0")).put("protocol", "UDP").put("port", 53);
      proxy.serviceChanged("ADDED", dns);
      proxy.sliceChanged("ADDED", udpSlice("dns", "dns-1", echo.port()));
      String uid = client.at("/metadata/uid").asText();
      await("a pod's datagram to the cluster IP reaches the host and back").atMost(Duration.ofSeconds(10))
          .until(() -> RealNode.run("sh", "-c", "ip netns exec " + node.netns(uid) + " timeout 2 bash -c"
              + " 'exec 3<>/dev/udp/10.96.0.56/53; echo ping >&3; head -c 10 <&3' || true").trim(), "echo ping"::equals);
    }
  }

  /**
   * A pod keeps one UDP socket to a Service (as a DNS client does) and sends on it every 0.2 s;
   * its endpoint is replaced by another: the flow's conntrack entry, which would keep the old
   * DNAT while packets come, is deleted with the old endpoint, so the next datagram goes to the
   * new one though the old one still answers.
   */
  @Test
  void aUdpFlowFollowsItsServiceToANewEndpointThoughTheOldOneStillAnswers() throws Exception {
    try (UdpEcho one = new UdpEcho(hostIp, "one"); UdpEcho two = new UdpEcho(hostIp, "two")) {
      ObjectNode svc = (ObjectNode) service("flow", "10.96.0.57", "");
      ((ObjectNode) svc.at("/spec/ports/0")).put("protocol", "UDP").put("port", 53);
      proxy.serviceChanged("ADDED", svc);
      proxy.sliceChanged("ADDED", udpSlice("flow", "flow-1", one.port()));
      String uid = client.at("/metadata/uid").asText();
      Process flow = new ProcessBuilder("ip", "netns", "exec", node.netns(uid), "bash", "-c",
          "exec 3<>/dev/udp/10.96.0.57/53; for i in $(seq 1 150); do echo ping >&3;"
              + " line=$(timeout 1 dd bs=512 count=1 <&3 2>/dev/null);" // one read, one datagram
              + " if [ -n \"$line\" ]; then echo \"$line\"; [ \"$line\" = 'two ping' ] && exit 0; fi;"
              + " sleep 0.2; done; exit 1").redirectErrorStream(true).start();
      try (java.io.BufferedReader out = new java.io.BufferedReader(
          new java.io.InputStreamReader(flow.getInputStream(), StandardCharsets.UTF_8))) {
        String first = out.readLine();
        for (int i = 0; i < 50 && first != null && !first.equals("one ping"); i++) {
          first = out.readLine(); // the rules may not be in yet for the very first datagrams
        }
        assertEquals("one ping", first, "the flow reaches the first endpoint");
        proxy.sliceChanged("ADDED", udpSlice("flow", "flow-2", two.port()));
        proxy.sliceChanged("DELETED", udpSlice("flow", "flow-1", one.port()));
        assertTrue(flow.waitFor(40, TimeUnit.SECONDS), "the flow ends");
        assertEquals(0, flow.exitValue(), "the same socket's datagrams reach the new endpoint");
      } finally {
        flow.destroyForcibly();
      }
    }
  }

  private static JsonNode udpSlice(String service, String name, int port) {
    ObjectNode slice = (ObjectNode) slice(service, port, hostIp);
    ((ObjectNode) slice.get("metadata")).put("name", name);
    ((ObjectNode) slice.at("/ports/0")).put("protocol", "UDP");
    return slice;
  }

  @Test
  void syncsOfAHundredServices() {
    List<JsonNode> services = new ArrayList<>();
    List<JsonNode> slices = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      services.add(service("bulk" + i, "10.96.1." + (i + 1), ""));
      slices.add(slice("bulk" + i, 8080, ip(webA), ip(webB)));
    }
    List<ProxiedPort> ports = ServicePorts.of(services, slices, NODE);
    String table = TABLE + "_bench";
    try {
      long t0 = System.nanoTime();
      Sync full = ProxyRules.sync(table, RANGES, ports, Sync.none());
      io.logplane.node.internal.runtime.Exec.check(full.script(), List.of("nft", "-f", "-"));
      long t1 = System.nanoTime();
      slices.set(7, slice("bulk7", 8080, ip(webA)));
      Sync one = ProxyRules.sync(table, RANGES, ServicePorts.of(services, slices, NODE), full);
      io.logplane.node.internal.runtime.Exec.check(one.script(), List.of("nft", "-f", "-"));
      long t2 = System.nanoTime();
      System.out.printf("service proxy sync of 100 Services (2 endpoints each): first %d ms,"
          + " after one endpoint left %d ms%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
      assertEquals(full.chains().size() - 1, one.chains().size());
    } finally {
      RealNode.run("nft", "delete", "table", "ip", table);
    }
  }

  /** This machine's address on its default route: not the loopback, not a pod bridge's. */
  private static String thisMachinesAddress() {
    String route = RealNode.run("ip", "-4", "route", "get", "192.0.2.1");
    Matcher m = Pattern.compile("src (\\S+)").matcher(route);
    assertTrue(m.find(), route);
    return m.group(1);
  }
}
