package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.CannotStartException;
import io.logplane.launcher.Cluster;
import io.logplane.launcher.NetworkFlags;
import io.logplane.launcher.UpCommand;
import io.logplane.projections.ClusterNetwork;
import io.logplane.projections.Ipv4Cidr;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster made with {@code --service-cidr 10.100.0.0/24 --cluster-cidr 10.50.0.0/16}, seen
 * through the real kubectl: hollow nodes given distinct pod CIDRs of the cluster CIDR by the node
 * IPAM controller and their pods addresses of those; the {@code kubernetes} Service at the Service
 * CIDR's first address with the API's port as endpoints, made again when deleted; kube-dns at the
 * tenth; other Services' cluster IPs inside the Service CIDR. And a data directory keeps the
 * ranges its cluster was made with.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterAddressesIT {

  private static final Ipv4Cidr PODS = Ipv4Cidr.parse("10.50.0.0/16");
  @TempDir static Path dir;
  static Cluster cluster;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    cluster = Cluster.start(new Cluster.Options(data, "127.0.0.1", 0, 0, null, 1)
        .withDns(ClusterFixture.freeUdpPort(), List.of(new InetSocketAddress("127.0.0.1", 9)))
        .withNetwork(new NetworkFlags("10.100.0.0/24", "10.50.0.0/16", null))
        .withLoadBalancerPool("10.113.7.0/28"));
    UpCommand.deployHollowNodes(cluster, 4).registered().await(60, TimeUnit.SECONDS);
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void eachNodeHasAPodCidrOfItsOwnFromTheClusterCidrAndItsPodsAddressesOfIt() throws Exception {
    Set<String> cidrs = new HashSet<>();
    for (JsonNode node : kubectl.json("get", "nodes").path("items")) {
      String cidr = node.at("/spec/podCIDR").asText();
      Ipv4Cidr c = Ipv4Cidr.parse(cidr);
      assertEquals(24, c.prefix(), cidr);
      assertTrue(PODS.contains(c.network()), cidr + " in " + PODS);
      assertEquals(cidr, node.at("/spec/podCIDRs/0").asText());
      assertTrue(cidrs.add(cidr), "twice: " + cidr);
    }
    assertEquals(4, cidrs.size());

    kubectl.ok("apply", "-f", kubectl.manifest("web.yaml", """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: default}
        spec:
          nodeName: hollow-node-3
          containers: [{name: web, image: "nginx:1.25"}]
        """));
    kubectl.ok("wait", "--for=condition=Ready", "pod/web", "--timeout=60s");
    String ip = kubectl.json("get", "pod", "web").at("/status/podIP").asText();
    Ipv4Cidr node = Ipv4Cidr.parse(kubectl.json("get", "node", "hollow-node-3").at("/spec/podCIDR").asText());
    assertTrue(node.contains(Ipv4Cidr.address(ip)), ip + " in " + node);
  }

  @Test
  void theKubernetesServiceIsTheServiceCidrsFirstAddressWithTheApiAsEndpoints() throws Exception {
    String row = kubectl.ok("get", "svc", "kubernetes", "-n", "default").out().lines().skip(1).findFirst().orElse("");
    assertTrue(row.matches("kubernetes\\s+ClusterIP\\s+10\\.100\\.0\\.1\\s+<none>\\s+443/TCP\\s+\\S+"), row);
    JsonNode svc = kubectl.json("get", "svc", "kubernetes", "-n", "default");
    assertEquals("https", svc.at("/spec/ports/0/name").asText());
    assertEquals(cluster.apiPort(), svc.at("/spec/ports/0/targetPort").asInt());
    assertTrue(svc.at("/spec/selector").isMissingNode(), svc.toString());
    assertEquals("apiserver", svc.at("/metadata/labels/component").asText());

    JsonNode ep = kubectl.json("get", "endpoints", "kubernetes", "-n", "default");
    assertEquals(cluster.apiPort(), ep.at("/subsets/0/ports/0/port").asInt());
    assertEquals("https", ep.at("/subsets/0/ports/0/name").asText());
    assertTrue(ep.at("/subsets/0/addresses/0/ip").asText().matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), ep.toString());
    JsonNode slice = kubectl.json("get", "endpointslice", "kubernetes", "-n", "default");
    assertEquals(ep.at("/subsets/0/addresses/0/ip").asText(), slice.at("/endpoints/0/addresses/0").asText());

    String uid = svc.at("/metadata/uid").asText();
    kubectl.ok("delete", "svc", "kubernetes", "-n", "default");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
      Kubectl.Result r = kubectl.run("get", "svc", "kubernetes", "-n", "default", "-o", "jsonpath={.metadata.uid}"
          + " {.spec.clusterIP}");
      return r.exit() == 0 && !r.out().startsWith(uid) && r.out().endsWith(" 10.100.0.1");
    });
  }

  @Test
  void servicesTakeClusterIpsOfTheServiceCidrAndKubeDnsItsTenth() throws Exception {
    assertEquals("10.100.0.10", kubectl.json("get", "svc", "kube-dns", "-n", "kube-system").at("/spec/clusterIP").asText());
    Ipv4Cidr services = Ipv4Cidr.parse("10.100.0.0/24");
    for (String name : List.of("a", "b", "c")) {
      kubectl.ok("create", "service", "clusterip", name, "--tcp=80:8080");
      String ip = kubectl.json("get", "svc", name).at("/spec/clusterIP").asText();
      assertTrue(services.contains(Ipv4Cidr.address(ip)), ip + " in " + services);
    }
    Kubectl.Result outside = kubectl.run("create", "service", "clusterip", "d", "--tcp=80:8080",
        "--clusterip=10.96.0.50");
    assertTrue(outside.exit() != 0 && outside.err().contains("10.100.0.0/24"), outside.all());
  }

  /**
   * Sixty Services created at once over 16 connections each get an address of their own; one that
   * asks for a taken address is refused with kube-apiserver's 422, and gets it once its holder is
   * deleted.
   */
  @Test
  void servicesCreatedAtOnceGetDistinctAddressesAndATakenOneIsRefused() throws Exception {
    Api api = Api.of(cluster.kubeconfig());
    String services = "/api/v1/namespaces/default/services";
    java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(16);
    try {
      List<java.util.concurrent.Future<Response>> created = new java.util.ArrayList<>();
      for (int i = 0; i < 60; i++) {
        String name = "burst-" + i;
        created.add(clients.submit(() -> api.send("POST", services, service(name, null))));
      }
      Set<String> ips = new HashSet<>();
      for (java.util.concurrent.Future<Response> f : created) {
        Response r = f.get(60, TimeUnit.SECONDS);
        assertEquals(201, r.code(), r.text());
        ips.add(r.json().at("/spec/clusterIP").asText());
      }
      assertEquals(60, ips.size(), ips.toString());
    } finally {
      clients.shutdownNow();
    }
    String held = api.get(services + "/burst-7").json().at("/spec/clusterIP").asText();
    Response taken = api.send("POST", services, service("squatter", held));
    assertEquals(422, taken.code(), taken.text());
    assertEquals("Service \"squatter\" is invalid: spec.clusterIPs: Invalid value: []string{\"" + held
        + "\"}: failed to allocate IP " + held + ": provided IP is already allocated",
        taken.json().path("message").asText());
    assertEquals(200, api.send("DELETE", services + "/burst-7", null).code());
    Response heir = api.send("POST", services, service("squatter", held));
    assertEquals(201, heir.code(), heir.text());
    assertEquals(held, heir.json().at("/spec/clusterIP").asText());
  }

  private static JsonNode service(String name, String clusterIp) {
    com.fasterxml.jackson.databind.node.ObjectNode o = Api.JSON.createObjectNode().put("apiVersion", "v1")
        .put("kind", "Service");
    o.putObject("metadata").put("name", name);
    com.fasterxml.jackson.databind.node.ObjectNode spec = o.putObject("spec");
    spec.putArray("ports").addObject().put("port", 80).put("targetPort", 8080);
    if (clusterIp != null) {
      spec.put("clusterIP", clusterIp);
    }
    return o;
  }

  @Test
  void loadBalancerServicesTakeAddressesOfTheConfiguredPool() throws Exception {
    kubectl.ok("create", "service", "loadbalancer", "lb", "--tcp=80:8080");
    Ipv4Cidr pool = Ipv4Cidr.parse("10.113.7.0/28");
    await().atMost(Duration.ofSeconds(30)).until(() -> !kubectl.json("get", "svc", "lb")
        .at("/status/loadBalancer/ingress/0/ip").asText().isEmpty());
    String ip = kubectl.json("get", "svc", "lb").at("/status/loadBalancer/ingress/0/ip").asText();
    assertTrue(pool.contains(Ipv4Cidr.address(ip)), ip + " in " + pool);
  }

  /**
   * A Service patched from ClusterIP to NodePort gets its node ports then (a port added later
   * too, the first kept), gives them back when patched back, and gives back its cluster IP as an
   * ExternalName: a node port given back can be asked for by another Service.
   */
  @Test
  void aServiceChangingTypeTakesAndGivesBackItsNodePortsAndClusterIp() throws Exception {
    kubectl.ok("create", "service", "clusterip", "typed", "--tcp=80:8080");
    kubectl.ok("patch", "svc", "typed", "-p", "{\"spec\":{\"type\":\"NodePort\"}}");
    int first = kubectl.json("get", "svc", "typed").at("/spec/ports/0/nodePort").asInt();
    assertTrue(first >= 30000 && first <= 32767, "node port " + first);
    kubectl.ok("patch", "svc", "typed", "--type=json", "-p",
        "[{\"op\":\"add\",\"path\":\"/spec/ports/-\",\"value\":{\"name\":\"tls\",\"port\":443}}]");
    JsonNode ports = kubectl.json("get", "svc", "typed").at("/spec/ports");
    assertEquals(first, ports.path(0).path("nodePort").asInt(), ports.toString());
    int second = ports.path(1).path("nodePort").asInt();
    assertTrue(second >= 30000 && second != first, ports.toString());

    Kubectl.Result taken = kubectl.run("create", "service", "nodeport", "thief", "--tcp=80:8080",
        "--node-port=" + first);
    assertTrue(taken.exit() != 0 && taken.err().contains("provided port is already allocated"), taken.all());

    kubectl.ok("patch", "svc", "typed", "-p", "{\"spec\":{\"type\":\"ClusterIP\"}}");
    assertTrue(kubectl.json("get", "svc", "typed").at("/spec/ports/0/nodePort").isMissingNode());
    kubectl.ok("create", "service", "nodeport", "thief", "--tcp=80:8080", "--node-port=" + first);

    String ip = kubectl.json("get", "svc", "typed").at("/spec/clusterIP").asText();
    kubectl.ok("patch", "svc", "typed", "-p",
        "{\"spec\":{\"type\":\"ExternalName\",\"externalName\":\"example.com\",\"ports\":null}}");
    assertTrue(kubectl.json("get", "svc", "typed").at("/spec/clusterIP").isMissingNode());
    kubectl.ok("create", "service", "clusterip", "heir", "--tcp=80:8080", "--clusterip=" + ip);
  }

  /** Last: the servers it starts set the process's Service range for validation to theirs. */
  @Test
  @Order(Integer.MAX_VALUE)
  void aDataDirectoryKeepsTheRangesItsClusterWasMadeWith(@TempDir Path other) throws Exception {
    Path data = Files.createDirectories(other.resolve("data"));
    Cluster.Options made = new Cluster.Options(data, "127.0.0.1", 0, 0, null, 1, false);
    Cluster.start(made).close();
    CannotStartException refused = assertThrows(CannotStartException.class, () -> Cluster.start(
        made.withNetwork(new NetworkFlags("10.200.0.0/16", null, null))).close());
    assertTrue(refused.getMessage().contains("--service-cidr 10.96.0.0/12"), refused.getMessage());
    try (Cluster again = Cluster.start(made)) {
      assertEquals(ClusterNetwork.DEFAULT, again.network());
    }
  }
}
