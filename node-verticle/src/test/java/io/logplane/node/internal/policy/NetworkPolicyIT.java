package io.logplane.node.internal.policy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.node.internal.agent.PodStatusMaker;
import io.logplane.node.internal.real.RealPods;
import io.logplane.node.internal.runtime.RealNode;
import io.logplane.node.internal.runtime.UplinkGuard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * NetworkPolicies enforced in the kernel between real pods on runc: a busybox httpd pod
 * ({@code web}: one container on 8080, named {@code http}, another on 9090) and client pods in two namespaces,
 * connecting with {@code curl} from their network namespaces. A connection that passes answers
 * {@code web}; one the rules drop times out ({@code curl: (28)}). The policies, pods and
 * namespaces are given to the enforcer as its watches would give them; each test ends with its
 * policies deleted and the traffic back.
 */
class NetworkPolicyIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TABLE = "logplane_it_np_policy";
  private static final String NODE = "netpol-node";
  private static final String CIDR = "10.244.237.0/24";
  private static final String PASSED = "web";
  private static final String DROPPED = "curl: (28)";

  private static RealNode node;
  private static ExecutorService executor;
  private static RealPods pods;
  private static NetworkPolicies enforcer;
  private static final List<JsonNode> MADE = new ArrayList<>();
  private static JsonNode web;
  private static JsonNode client;
  private static JsonNode stranger;
  private static JsonNode outsider;

  @BeforeAll
  static void start() throws IOException {
    node = RealNode.start("logplane_it_npguard", CIDR, "lpnp7", "logplane-it-netpol");
    executor = Executors.newCachedThreadPool();
    pods = new RealPods(node.runtime, (reference, policy, auths) -> node.busybox, "", Clock.systemUTC(),
        executor);
    enforcer = new NetworkPolicies(TABLE, NODE);
    web = running(pod("np", "web", "{'app':'web'}", "{'terminationGracePeriodSeconds':1,'containers':["
        + httpd("web", 8080, "'ports':[{'name':'http','containerPort':8080}],") + "," + httpd("alt", 9090, "")
        + "]}"));
    client = running(sleeper("np", "client", "{'role':'client'}"));
    stranger = running(sleeper("np", "stranger", "{'role':'stranger'}"));
    outsider = running(sleeper("other", "outsider", "{'role':'client'}"));
    enforcer.namespaces().listed(List.of(json("{'metadata':{'name':'np'}}"),
        json("{'metadata':{'name':'other','labels':{'team':'friends'}}}")));
    enforcer.pods().listed(List.of(web, client, stranger, outsider));
    enforcer.policies().listed(List.of());
    await("the table is installed").atMost(Duration.ofSeconds(30)).until(enforcer::installed);
  }

  @AfterAll
  static void stop() {
    if (node == null) {
      return;
    }
    try {
      enforcer.close();
      assertFalse(enforcer.installed(), "the policies' table is removed on a clean stop");
      MADE.forEach(p -> pods.forget(p.path("metadata").path("uid").asText()));
      await("the pods are gone").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
          .until(node::leftovers, List::isEmpty);
    } finally {
      executor.shutdownNow();
      assertEquals(new UplinkGuard.Counters(0, 0), node.stop(),
          "packets for the cluster ranges headed for the uplink");
    }
  }

  @AfterEach
  void deletingThePoliciesRestoresTheTraffic() {
    enforcer.policies().listed(List.of());
    await("traffic passes again").atMost(Duration.ofSeconds(30))
        .until(() -> get(client, web, 8080), PASSED::equals);
    assertEquals(PASSED, get(stranger, web, 9090));
    assertEquals(PASSED, get(web, client, 0).startsWith("curl: (7)") ? PASSED : "client answered?",
        "egress of web to a port nobody listens on is refused, not dropped");
  }

  @Test
  void defaultDenyIngressDropsAConnectionThatPassedBeforeButNotTheHosts() {
    assertEquals(PASSED, get(client, web, 8080));
    NetworkPolicies.Counters before = enforcer.counters();
    apply(policy("deny", "{'podSelector':{'matchLabels':{'app':'web'}},'policyTypes':['Ingress']}"));
    await("the connection is dropped").atMost(Duration.ofSeconds(30))
        .until(() -> get(client, web, 8080), s -> s.startsWith(DROPPED));
    assertTrue(get(outsider, web, 9090).startsWith(DROPPED), "from another namespace too");
    assertTrue(enforcer.counters().ingressDenied() > before.ingressDenied(), enforcer.counters().toString());
    assertEquals(PASSED, get(null, web, 8080), "this host reaches its pods (probes)");
    assertEquals(PASSED, get(web, client, 0).startsWith("curl: (7)") ? PASSED : "?",
        "web's own egress is not isolated: the client's refusal comes back");
  }

  @Test
  void aPodSelectorLetsTheChosenClientThroughAndDropsAnother() {
    apply(policy("clients", "{'podSelector':{'matchLabels':{'app':'web'}},'ingress':[{'from':"
        + "[{'podSelector':{'matchLabels':{'role':'client'}}}]}]}"));
    await("the stranger is dropped").atMost(Duration.ofSeconds(30))
        .until(() -> get(stranger, web, 8080), s -> s.startsWith(DROPPED));
    assertEquals(PASSED, get(client, web, 8080));
    assertTrue(get(outsider, web, 8080).startsWith(DROPPED),
        "a pod selector alone keeps to the policy's namespace");
  }

  @Test
  void aNamespaceSelectorLetsThePodsOfALabelledNamespaceThrough() {
    apply(policy("friends", "{'podSelector':{'matchLabels':{'app':'web'}},'ingress':[{'from':"
        + "[{'namespaceSelector':{'matchLabels':{'team':'friends'}}}]}]}"));
    await("the client of the policy's own namespace is dropped").atMost(Duration.ofSeconds(30))
        .until(() -> get(client, web, 8080), s -> s.startsWith(DROPPED));
    assertEquals(PASSED, get(outsider, web, 8080));
  }

  @Test
  void anIpBlockLetsItsCidrThroughLessItsExceptions() {
    apply(policy("block", "{'podSelector':{'matchLabels':{'app':'web'}},'ingress':[{'from':"
        + "[{'ipBlock':{'cidr':'" + CIDR + "','except':['" + ip(client) + "/32']}}]}]}"));
    await("the excepted client is dropped").atMost(Duration.ofSeconds(30))
        .until(() -> get(client, web, 8080), s -> s.startsWith(DROPPED));
    assertEquals(PASSED, get(stranger, web, 8080));
    assertEquals(PASSED, get(outsider, web, 8080));
  }

  @Test
  void aNamedPortAndAPortRangeAllowOnlyTheirPorts() {
    apply(policy("named", "{'podSelector':{'matchLabels':{'app':'web'}},'ingress':[{'ports':[{'port':'http'}]}]}"));
    await("9090 is dropped").atMost(Duration.ofSeconds(30))
        .until(() -> get(client, web, 9090), s -> s.startsWith(DROPPED));
    assertEquals(PASSED, get(client, web, 8080), "http is 8080 on web");
    apply(policy("named", "{'podSelector':{'matchLabels':{'app':'web'}},'ingress':[{'ports':"
        + "[{'protocol':'TCP','port':9000,'endPort':9100}]}]}"));
    await("8080 is dropped").atMost(Duration.ofSeconds(30))
        .until(() -> get(client, web, 8080), s -> s.startsWith(DROPPED));
    assertEquals(PASSED, get(client, web, 9090));
  }

  @Test
  void egressDefaultDenyAndAnEgressAllow() {
    NetworkPolicies.Counters before = enforcer.counters();
    apply(policy("no-egress", "{'podSelector':{'matchLabels':{'role':'client'}},'policyTypes':['Egress']}"));
    await("the client's connection is dropped").atMost(Duration.ofSeconds(30))
        .until(() -> get(client, web, 8080), s -> s.startsWith(DROPPED));
    assertTrue(get(outsider, web, 8080).startsWith(PASSED), "a client of another namespace is not selected");
    assertEquals(PASSED, get(stranger, web, 8080));
    assertTrue(enforcer.counters().egressDenied() > before.egressDenied(), enforcer.counters().toString());
    apply(policy("no-egress", "{'podSelector':{'matchLabels':{'role':'client'}},'policyTypes':['Egress'],"
        + "'egress':[{'to':[{'podSelector':{'matchLabels':{'app':'web'}}}],'ports':[{'port':'http'}]}]}"));
    await("the allowed connection passes").atMost(Duration.ofSeconds(30))
        .until(() -> get(client, web, 8080), PASSED::equals);
    assertTrue(get(client, web, 9090).startsWith(DROPPED), "another port of web is not allowed");
    assertTrue(get(client, stranger, 8080).startsWith(DROPPED), "another pod is not allowed");
  }

  private static void apply(JsonNode policy) {
    enforcer.policies().changed("MODIFIED", policy);
  }

  private static JsonNode policy(String name, String spec) {
    return json("{'metadata':{'namespace':'np','name':'" + name + "'},'spec':" + spec + "}");
  }

  private static String httpd(String container, int port, String more) {
    return "{'name':'" + container + "','image':'busybox'," + more + "'command':['sh','-c','mkdir -p /tmp/w"
        + " && echo web > /tmp/w/index.html && exec httpd -f -p " + port + " -h /tmp/w']}";
  }

  private static JsonNode sleeper(String namespace, String name, String labels) throws IOException {
    return pod(namespace, name, labels, "{'terminationGracePeriodSeconds':1,'containers':[{'name':'c',"
        + "'image':'busybox','command':['sh','-c','trap \\\"exit 0\\\" TERM; sleep 1000 & wait']}]}");
  }

  private static JsonNode pod(String namespace, String name, String labels, String spec) throws IOException {
    ObjectNode pod = (ObjectNode) json("{'metadata':{'name':'" + name + "','namespace':'" + namespace
        + "','labels':" + labels + ",'uid':'" + UUID.randomUUID() + "'},'spec':" + spec + "}");
    ((ObjectNode) pod.path("spec")).put("nodeName", NODE);
    MADE.add(pod);
    return pod;
  }

  /** The pod once it runs, its status's podIP put in. */
  private static JsonNode running(JsonNode pod) {
    JsonNode status = await("pod " + pod.at("/metadata/name").asText() + " runs").atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(100)).until(() -> PodStatusMaker.status(pod,
            pods.observe(pod, "127.0.0.1", null, Instant.now(), Instant.now(), null).runs()),
            s -> allRun(s) && !s.path("podIP").asText().isEmpty());
    ObjectNode copy = pod.deepCopy();
    copy.set("status", status);
    return copy;
  }

  private static boolean allRun(JsonNode status) {
    for (JsonNode c : status.path("containerStatuses")) {
      if (!c.path("state").has("running")) {
        return false;
      }
    }
    return status.path("containerStatuses").size() > 0;
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

  /**
   * curl of {@code to}'s port from the host ({@code from} null) or from a pod's netns: the body,
   * or curl's error ({@code (28)}: no answer within 2 s, {@code (7)}: refused). Port 0: 1, where
   * nothing listens.
   */
  private static String get(JsonNode from, JsonNode to, int port) {
    List<String> command = new ArrayList<>();
    if (from != null) {
      command.addAll(List.of("ip", "netns", "exec", node.netns(from.at("/metadata/uid").asText())));
    }
    command.addAll(List.of("curl", "-sS", "--connect-timeout", "2", "-m", "3",
        "http://" + ip(to) + ":" + (port == 0 ? 1 : port) + "/index.html"));
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
}
