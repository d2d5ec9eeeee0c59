package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * The cluster DNS end to end, asked by the real {@code dig} over UDP and TCP: a Service's A
 * record, a headless Service's ready pods, StatefulSet pods by hostname, SRV of a named port,
 * ExternalName's CNAME, pod names, PTR, NXDOMAIN and NODATA, the rcodes of bad queries, other
 * names forwarded upstream (a stand-in resolver on loopback), the {@code kube-dns} Service, and
 * answers following a scale, a create and a delete (how fast is not a test's to say: the DNS reads the
 * applied stream in the server's own process).
 */
class DnsIT {

  private static final String SVC = ".default.svc.cluster.local.";

  @TempDir static Path dir;
  static Upstream upstream;
  static Cluster cluster;
  static Kubectl kubectl;
  static Dig dig;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    upstream = new Upstream();
    port = ClusterFixture.freeUdpPort();
    cluster = ClusterFixture.withDnsAndHollowNodes(dir, 2, port, upstream.address());
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
    dig = new Dig(port);
    Path manifest = Files.writeString(dir.resolve("dns.yaml"), """
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: 8080}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: db}
        spec:
          clusterIP: None
          selector: {app: db}
          ports: [{name: pg, port: 5432}]
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          serviceName: db
          replicas: 2
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers: [{name: pg, image: postgres, ports: [{name: pg, containerPort: 5432}]}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: ext}
        spec: {type: ExternalName, externalName: example.org}
        """);
    kubectl.ok("apply", "-f", manifest.toString());
    kubectl.ok("rollout", "status", "statefulset/db", "--timeout=90s");
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  private static String podIp(String name) throws Exception {
    return kubectl.json("get", "pod", name).at("/status/podIP").asText();
  }

  /** The ready addresses the EndpointSlices of a Service hold now. */
  private static Set<String> sliceAddresses(String service) throws Exception {
    Set<String> ips = new TreeSet<>();
    for (JsonNode s : kubectl.json("get", "endpointslices", "-l", "kubernetes.io/service-name=" + service)
        .path("items")) {
      for (JsonNode e : s.path("endpoints")) {
        if (e.at("/conditions/ready").asBoolean(true)) {
          e.path("addresses").forEach(a -> ips.add(a.asText()));
        }
      }
    }
    return ips;
  }

  @Test
  void aServiceHasItsClusterIpOverUdpAndTcp() throws Exception {
    String ip = kubectl.json("get", "svc", "web").at("/spec/clusterIP").asText();
    Dig.Reply udp = dig.query("web" + SVC, "A");
    assertEquals("NOERROR", udp.status(), udp.text());
    assertEquals(List.of(ip), udp.of("A"));
    assertTrue(udp.text().contains("flags: qr aa"), udp.text());
    assertEquals(List.of(ip), dig.query("+tcp", "web" + SVC, "A").of("A"));
    assertTrue(udp.text().matches("(?s).*web\\.default\\.svc\\.cluster\\.local\\.\\s+30\\s+IN\\s+A.*"), udp.text());
  }

  @Test
  void aHeadlessServiceHasItsPodsAndStatefulPodsTheirNames() throws Exception {
    Set<String> pods = new TreeSet<>(List.of(podIp("db-0"), podIp("db-1")));
    assertEquals(pods, new TreeSet<>(dig.query("db" + SVC).of("A")));
    assertEquals(List.of(podIp("db-1")), dig.query("db-1.db" + SVC).of("A"));
    Dig.Reply srv = dig.query("_pg._tcp.db" + SVC, "SRV");
    assertEquals(Set.of("0 50 5432 db-0.db" + SVC, "0 50 5432 db-1.db" + SVC), new TreeSet<>(srv.of("SRV")), srv.text());
  }

  @Test
  void srvOfANamedPort() throws Exception {
    assertEquals(List.of("0 100 80 web" + SVC), dig.query("_http._tcp.web" + SVC, "SRV").of("SRV"));
    assertEquals("NXDOMAIN", dig.query("_nope._tcp.web" + SVC, "SRV").status());
  }

  @Test
  void externalNameIsACname() throws Exception {
    assertEquals(List.of("example.org."), dig.query("ext" + SVC, "CNAME").of("CNAME"));
  }

  @Test
  void podsByAddressAndPtr() throws Exception {
    String ip = podIp("db-0");
    assertEquals(List.of(ip), dig.query(ip.replace('.', '-') + ".default.pod.cluster.local.").of("A"));
    assertEquals(List.of("db-0.db" + SVC), dig.query("-x", ip).of("PTR"));
    String svcIp = kubectl.json("get", "svc", "web").at("/spec/clusterIP").asText();
    assertEquals(List.of("web" + SVC), dig.query("-x", svcIp).of("PTR"));
  }

  @Test
  void nxdomainAndNodata() throws Exception {
    Dig.Reply missing = dig.query("nope" + SVC);
    assertEquals("NXDOMAIN", missing.status(), missing.text());
    Dig.Reply aaaa = dig.query("web" + SVC, "AAAA");
    assertEquals("NOERROR", aaaa.status(), aaaa.text());
    assertEquals(List.of(), aaaa.answers());
    assertTrue(aaaa.text().contains("AUTHORITY: 1"), aaaa.text());
  }

  @Test
  void badQueriesGetTheirRcodeAndTheRestKeepsWorking() throws Exception {
    assertEquals("REFUSED", dig.query("version.bind", "TXT", "CH").status());
    assertEquals("NOTIMP", dig.query("+opcode=status", "web" + SVC).status());
    try (DatagramSocket s = new DatagramSocket()) {
      byte[] junk = {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x3f, 'x'};
      s.send(new DatagramPacket(junk, junk.length, new InetSocketAddress("127.0.0.1", port)));
      s.setSoTimeout(5_000);
      DatagramPacket reply = new DatagramPacket(new byte[512], 512);
      s.receive(reply);
      Message m = new Message(java.util.Arrays.copyOf(reply.getData(), reply.getLength()));
      assertEquals(Rcode.FORMERR, m.getRcode());
      assertEquals(0x1234, m.getHeader().getID());
    }
    assertEquals("NOERROR", dig.query("web" + SVC).status());
  }

  @Test
  void otherNamesAreForwardedUpstream() throws Exception {
    assertEquals(List.of(Upstream.ADDRESS), dig.query(Upstream.NAME).of("A"));
    assertEquals("NXDOMAIN", dig.query("unknown.example.").status());
  }

  @Test
  void kubeDnsIsAServiceAtItsConventionalAddressPointingAtTheDns() throws Exception {
    JsonNode svc = kubectl.json("get", "svc", "-n", "kube-system", "kube-dns");
    assertEquals("10.96.0.10", svc.at("/spec/clusterIP").asText());
    JsonNode ep = kubectl.json("get", "endpoints", "-n", "kube-system", "kube-dns");
    assertEquals(port, ep.at("/subsets/0/ports/0/port").asInt(), ep.toString());
    assertEquals(List.of("10.96.0.10"), dig.query("kube-dns.kube-system.svc.cluster.local.").of("A"));
  }

  @Test
  void answersFollowAScaleAndADeleteWithinASecond() throws Exception {
    Path cache = Files.writeString(dir.resolve("cache.yaml"), """
        apiVersion: v1
        kind: Service
        metadata: {name: cache}
        spec:
          clusterIP: None
          selector: {app: cache}
          ports: [{name: redis, port: 6379}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: cache}
        spec:
          replicas: 1
          selector: {matchLabels: {app: cache}}
          template:
            metadata: {labels: {app: cache}}
            spec:
              containers: [{name: redis, image: redis}]
        """);
    kubectl.ok("apply", "-f", cache.toString());
    await().atMost(Duration.ofSeconds(60)).until(() -> sliceAddresses("cache").size() == 1);
    kubectl.ok("scale", "deployment/cache", "--replicas=2");
    await().atMost(Duration.ofSeconds(60)).until(() -> sliceAddresses("cache").size() == 2);
    Set<String> two = sliceAddresses("cache");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> new TreeSet<>(dig.query("cache" + SVC).of("A")).equals(two));
    kubectl.ok("create", "service", "clusterip", "gone", "--tcp=80:80");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> dig.query("gone" + SVC).status().equals("NOERROR"));
    kubectl.ok("delete", "service", "gone");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> dig.query("gone" + SVC).status().equals("NXDOMAIN"));
  }
}
