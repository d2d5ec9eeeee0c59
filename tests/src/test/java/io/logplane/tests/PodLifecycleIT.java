package io.logplane.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle of a pod as a scheduler and a node agent drive it through the API, against one
 * Logplane with the real kubectl: bound once through {@code pods/binding} (and the legacy
 * {@code bindings}), deleted gracefully while a node runs it (Terminating, status still
 * written) until a delete with grace 0, and force-deleted by kubectl.
 */
class PodLifecycleIT {

  private static final String JSON = "application/json";
  private static final String PODS = "/api/v1/namespaces/life/pods";

  @TempDir static Path dir;
  static Cluster cluster;
  static Kubectl kubectl;
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(dir);
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
    api = ClusterFixture.admin(cluster);
    kubectl.ok("create", "namespace", "life");
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static JsonNode pod(String name, String nodeName) {
    String spec = "{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]"
        + (nodeName == null ? "" : ",\"nodeName\":\"" + nodeName + "\"") + "}";
    return api.create(PODS, "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\"},"
        + "\"spec\":" + spec + "}");
  }

  private static Response bind(String path, String name, String node, String uid) {
    String meta = "{\"name\":\"" + name + "\"" + (uid == null ? "" : ",\"uid\":\"" + uid + "\"") + "}";
    return api.send("POST", path, JSON, "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":" + meta
        + ",\"target\":{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"name\":\"" + node + "\"}}");
  }

  @Test
  void aPodIsBoundOnce() throws Exception {
    JsonNode resources = api.get("/api/v1").json().path("resources");
    assertTrue(resources.toString().contains("{\"name\":\"bindings\",\"singularName\":\"binding\",\"namespaced\":true,"
        + "\"kind\":\"Binding\",\"verbs\":[\"create\"]}"), resources.toString());
    assertTrue(resources.toString().contains("{\"name\":\"pods/binding\",\"singularName\":\"\",\"namespaced\":true,"
        + "\"kind\":\"Binding\",\"verbs\":[\"create\"]}"), resources.toString());

    pod("web", null);
    Response first = bind(PODS + "/web/binding", "web", "n1", null);
    assertEquals(201, first.code(), first.text());
    assertEquals("Success", first.json().path("status").asText(), first.text());
    JsonNode bound = api.get(PODS + "/web").json();
    assertEquals("n1", bound.path("spec").path("nodeName").asText(), bound.toString());
    assertTrue(bound.path("status").path("conditions").toString().contains("\"type\":\"PodScheduled\",\"status\":\"True\""),
        bound.toString());

    Response second = bind(PODS + "/web/binding", "web", "n2", null);
    assertEquals(409, second.code(), second.text());
    assertEquals("Conflict", second.json().path("reason").asText(), second.text());
    assertTrue(second.json().path("message").asText().contains("pod web is already assigned to node \"n1\""),
        second.text());
    assertEquals(405, api.get(PODS + "/web/binding").code());

    String uid = pod("legacy", null).path("metadata").path("uid").asText();
    Response stale = bind("/api/v1/namespaces/life/bindings", "legacy", "n1", "00000000-0000-0000-0000-000000000000");
    assertEquals(409, stale.code(), stale.text());
    assertTrue(stale.json().path("message").asText().contains("Precondition failed: UID in precondition"),
        stale.text());
    assertEquals(201, bind("/api/v1/namespaces/life/bindings", "legacy", "n2", uid).code());
    assertEquals("n2", api.get(PODS + "/legacy").json().path("spec").path("nodeName").asText());
    assertEquals(422, bind(PODS + "/legacy/binding", "legacy", "", null).code());
  }

  @Test
  void ofTwoBindingsRacingExactlyOneWins() throws Exception {
    pod("raced", null);
    List<CompletableFuture<Response>> both = new ArrayList<>();
    for (String node : new String[] {"a", "b"}) {
      both.add(api.sendAsync("POST", PODS + "/raced/binding", Api.JSON.readTree("{\"apiVersion\":\"v1\","
          + "\"kind\":\"Binding\",\"metadata\":{\"name\":\"raced\"},\"target\":{\"name\":\"" + node + "\"}}")));
    }
    List<Integer> codes = new ArrayList<>();
    for (CompletableFuture<Response> r : both) {
      codes.add(r.get(60, TimeUnit.SECONDS).code());
    }
    codes.sort(null);
    assertEquals(List.of(201, 409), codes);
    String node = api.get(PODS + "/raced").json().path("spec").path("nodeName").asText();
    assertTrue(node.equals("a") || node.equals("b"), node);
  }

  @Test
  void aBoundPodTerminatesUntilItsNodeDeletesIt() throws Exception {
    pod("slow", "n1");
    kubectl.ok("delete", "pod", "slow", "-n", "life", "--wait=false");
    JsonNode terminating = api.get(PODS + "/slow").json();
    assertEquals(30, terminating.path("metadata").path("deletionGracePeriodSeconds").asInt(), terminating.toString());
    assertTrue(terminating.path("metadata").hasNonNull("deletionTimestamp"), terminating.toString());
    String table = kubectl.ok("get", "pods", "slow", "-n", "life").out();
    assertTrue(Pattern.compile("(?m)^slow\\s+0/1\\s+Terminating\\s+0\\s").matcher(table).find(), table);
    // The node agent goes on writing the status of a pod it is stopping.
    ((com.fasterxml.jackson.databind.node.ObjectNode) terminating).putObject("status").put("phase", "Running");
    Response status = api.send("PUT", PODS + "/slow/status", terminating);
    assertEquals(200, status.code(), status.text());
    assertEquals("Running", api.get(PODS + "/slow").json().path("status").path("phase").asText());

    Response shorter = api.send("DELETE", PODS + "/slow", JSON, "{\"gracePeriodSeconds\":10}");
    assertEquals(200, shorter.code(), shorter.text());
    assertEquals(10, shorter.json().path("metadata").path("deletionGracePeriodSeconds").asInt(), shorter.text());
    Response gone = api.send("DELETE", PODS + "/slow?gracePeriodSeconds=0", JSON, (String) null);
    assertEquals(200, gone.code(), gone.text());
    assertEquals(404, api.get(PODS + "/slow").code());
  }

  @Test
  void kubectlForceDeletesAndDeletesUnboundPodsAtOnce() throws Exception {
    pod("stuck", "n1");
    Kubectl.Result force = kubectl.ok("delete", "pod", "stuck", "-n", "life", "--force", "--grace-period=0");
    assertTrue(force.out().contains("pod \"stuck\" force deleted"), force.all());
    assertEquals(404, api.get(PODS + "/stuck").code());

    pod("idle", null);
    Kubectl.Result plain = kubectl.ok("delete", "pod", "idle", "-n", "life", "--timeout=60s");
    assertTrue(plain.out().contains("pod \"idle\" deleted"), plain.all());
    assertEquals(404, api.get(PODS + "/idle").code());
  }
}
