package io.logplane.node.internal.hollow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.kubeclient.KubeClient;
import io.logplane.node.HollowNodeOptions;
import io.logplane.node.internal.agent.NodeAgent;
import io.logplane.node.internal.agent.NodeIdentity;
import io.logplane.node.internal.agent.PodRuntime;
import io.logplane.node.internal.agent.PodWorkers;
import io.logplane.node.internal.agent.Requests;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One hollow node's pods against a scripted API server: no socket, made-up time. */
class HollowPodsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String POD = "/api/v1/namespaces/default/pods/web";
  private static final String NODE = "/api/v1/nodes/hollow-node-1";

  /** Keeps objects by path, bumps resourceVersions, answers 409 as often as told. */
  private final class Server implements Requests {
    final Map<String, JsonNode> objects = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    final List<JsonNode> bodies = new ArrayList<>();
    int conflicts;
    long rv = 10;

    @Override
    public Future<KubeClient.Response> call(String method, String path, JsonNode body) {
      calls.add(method + " " + path);
      bodies.add(body);
      String key = path.replaceAll("/status$|\\?.*$", "");
      return Future.succeededFuture(switch (method) {
        case "GET" -> objects.containsKey(key) ? answer(200, objects.get(key)) : answer(404, null);
        case "POST" -> answer(201, store(path.endsWith("/nodes") ? path + "/" + body.at("/metadata/name").asText()
            : path + "/x", body));
        case "PUT" -> conflicts-- > 0 ? answer(409, null) : answer(200, store(key, body));
        case "DELETE" -> answer(200, objects.remove(key));
        default -> answer(405, null);
      });
    }

    JsonNode store(String key, JsonNode body) {
      ObjectNode o = body.deepCopy();
      ObjectNode meta = o.withObjectProperty("metadata").put("resourceVersion", Long.toString(++rv));
      if (!meta.has("uid")) {
        meta.put("uid", "uid-" + key.hashCode());
      }
      objects.put(key, o);
      return o;
    }

    KubeClient.Response answer(int status, JsonNode body) {
      return new KubeClient.Response(status, Buffer.buffer(body == null ? "{}" : body.toString()), "HTTP/1.1");
    }
  }

  private final Server server = new Server();
  private PodWorkers pods;

  private void registered() {
    registered(new Simulation());
  }

  private void registered(PodRuntime runtime) {
    NodeAgent agent = new NodeAgent(server, Identities.of(HollowNodeOptions.of(2)).get(1), controllerAfter(0));
    assertTrue(agent.register(T0).succeeded());
    assertEquals("10.244.1.0/24", agent.podCidr());
    pods = new PodWorkers(server, agent, runtime);
  }

  private int pauses;

  /** Pauses that pass at once, the node IPAM controller assigning the node's CIDR after {@code n} of them. */
  private NodeAgent.Pause controllerAfter(int n) {
    return millis -> {
      if (pauses++ == n) {
        ObjectNode node = (ObjectNode) server.objects.get(NODE);
        node.withObjectProperty("spec").put("podCIDR", "10.244.1.0/24").putArray("podCIDRs").add("10.244.1.0/24");
      }
      return Future.succeededFuture();
    };
  }

  @Test
  void registrationWaitsForThePodCidrTheControllerAssigns() {
    NodeAgent agent = new NodeAgent(server, Identities.of(HollowNodeOptions.of(2)).get(1), controllerAfter(2));
    assertTrue(agent.register(T0).succeeded());
    assertEquals("10.244.1.0/24", agent.podCidr());
    assertEquals(List.of("GET " + NODE, "POST /api/v1/nodes", "GET " + NODE, "GET " + NODE, "GET " + NODE),
        server.calls);
    assertTrue(server.bodies.get(1).path("spec").path("podCIDR").isMissingNode(), "registered without one");
  }

  @Test
  void aNodeAskedToReadSoonerWaitsTwiceAsLongEachTimeUpToHalfASecond() {
    List<Long> waits = new java.util.ArrayList<>();
    NodeAgent.Pause controller = controllerAfter(7);
    NodeAgent agent = new NodeAgent(server, Identities.of(HollowNodeOptions.of(2)).get(1), millis -> {
      waits.add(millis);
      return controller.after(millis);
    }).firstCidrPollAfter(10);
    assertTrue(agent.register(T0).succeeded());
    assertEquals("10.244.1.0/24", agent.podCidr());
    assertEquals(List.of(10L, 20L, 40L, 80L, 160L, 320L, 500L, 500L), waits);
  }

  @Test
  void aNodeToldItsPodCidrRegistersWithItAndDoesNotWait() {
    NodeIdentity hollow = Identities.of(HollowNodeOptions.of(1)).get(0);
    NodeIdentity told = new NodeIdentity(hollow.name(), hollow.labels(), hollow.capacity(), hollow.internalIp(),
        "192.168.9.0/24", hollow.kubeletVersion(), hollow.runtimeVersion(), hollow.osImage(), hollow.kernelVersion());
    NodeAgent agent = new NodeAgent(server, told, millis -> Future.failedFuture("no pause expected"));
    assertTrue(agent.register(T0).succeeded());
    assertEquals("192.168.9.0/24", agent.podCidr());
    assertEquals(0, pauses);
  }

  private JsonNode bound() {
    ObjectNode pod = JSON.createObjectNode();
    pod.putObject("metadata").put("name", "web").put("namespace", "default").put("uid", "u-web")
        .put("resourceVersion", "5");
    pod.putObject("spec").put("nodeName", "hollow-node-1").putArray("containers").addObject()
        .put("name", "web").put("image", "nginx");
    server.objects.put(POD, pod);
    return pod;
  }

  @Test
  void aConflictOnTheStatusWriteReadsThePodAgainAndWritesOnceMore() {
    registered();
    server.conflicts = 1;
    pods.update(bound(), T0.plusSeconds(1));
    List<String> podCalls = server.calls.stream().filter(c -> c.contains("/pods/")).toList();
    assertEquals(List.of("PUT " + POD + "/status", "GET " + POD, "PUT " + POD + "/status"), podCalls);
    JsonNode status = server.objects.get(POD).path("status");
    assertEquals("Running", status.path("phase").asText());
    assertEquals("10.244.1.2", status.path("podIP").asText());
    assertTrue(server.calls.contains("POST /api/v1/namespaces/default/events"), "Started recorded");
  }

  @Test
  void theNodesServerFindsAPodWithTheStatusTheNodeWrote() {
    registered();
    pods.update(bound(), T0.plusSeconds(1));
    JsonNode held = pods.pod("default", "web");
    assertEquals("Running", held.at("/status/phase").asText());
    assertEquals("web", held.at("/status/containerStatuses/0/name").asText());
    assertEquals(null, pods.pod("default", "other"));
  }

  @Test
  void aPodBeingDeletedIsStoppedThenDeletedForGoodWithItsUidAsPrecondition() {
    registered();
    pods.update(bound(), T0.plusSeconds(1));
    ObjectNode deleting = server.objects.get(POD).deepCopy();
    deleting.withObjectProperty("metadata").put("deletionTimestamp", "2026-01-01T00:00:40Z")
        .put("resourceVersion", "99");
    server.objects.put(POD, deleting);
    server.calls.clear();
    server.bodies.clear();
    pods.update(deleting, T0.plusSeconds(10));
    List<String> podCalls = server.calls.stream().filter(c -> c.contains("/pods/")).toList();
    assertEquals(List.of("PUT " + POD + "/status", "DELETE " + POD + "?gracePeriodSeconds=0"), podCalls);
    JsonNode options = server.bodies.get(server.calls.indexOf("DELETE " + POD + "?gracePeriodSeconds=0"));
    assertEquals(0, options.path("gracePeriodSeconds").asInt());
    assertEquals("u-web", options.at("/preconditions/uid").asText());
    pods.gone(deleting);
    assertEquals(0, pods.size());
  }

  /** Simulated runs, but a deleted pod stops only when told, as real containers take their time. */
  private static final class SlowStop implements PodRuntime {
    final Simulation simulation = new Simulation();
    final List<String> forgotten = new ArrayList<>();
    boolean stopped;

    @Override
    public Observed observe(JsonNode pod, String hostIp, String podIp, Instant start, Instant now,
        Instant stopAt) {
      Observed seen = simulation.observe(pod, hostIp, podIp, start, now, stopAt);
      return new Observed(seen.runs(), stopAt != null && !stopped ? now.plusSeconds(1) : null,
          stopAt != null && stopped);
    }

    @Override
    public void forget(String uid) {
      forgotten.add(uid);
    }
  }

  @Test
  void aDeletedPodStaysUntilTheRuntimeStoppedItAndTheRuntimeIsToldWhenItLeaves() {
    SlowStop runtime = new SlowStop();
    registered(runtime);
    pods.update(bound(), T0.plusSeconds(1));
    ObjectNode deleting = server.objects.get(POD).deepCopy();
    deleting.withObjectProperty("metadata").put("deletionTimestamp", "2026-01-01T00:00:40Z")
        .put("resourceVersion", "99");
    server.objects.put(POD, deleting);
    server.calls.clear();
    pods.update(deleting, T0.plusSeconds(10));
    pods.tick(T0.plusSeconds(11));
    assertTrue(server.calls.stream().noneMatch(c -> c.startsWith("DELETE")), server.calls.toString());
    runtime.stopped = true;
    pods.tick(T0.plusSeconds(12));
    assertTrue(server.calls.contains("DELETE " + POD + "?gracePeriodSeconds=0"), server.calls.toString());
    assertEquals(List.of(), runtime.forgotten);
    pods.gone(deleting);
    assertEquals(List.of("u-web"), runtime.forgotten);
  }

  @Test
  void aPodDeletedAtOnceIsForgottenAndItsIpGoesToTheNext() {
    registered();
    JsonNode first = bound();
    pods.update(first, T0);
    pods.gone(first);
    ObjectNode next = (ObjectNode) bound();
    next.withObjectProperty("metadata").put("uid", "u-next");
    pods.update(next, T0.plusSeconds(1));
    assertEquals("10.244.1.2", server.objects.get(POD).at("/status/podIP").asText());
    assertEquals(1, pods.size());
  }
}
