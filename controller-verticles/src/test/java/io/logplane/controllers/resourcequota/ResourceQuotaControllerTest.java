package io.logplane.controllers.resourcequota;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.MemoryCluster;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** A quota's status from the objects of its namespace, over an in-memory store: counts, compute, scopes. */
class ResourceQuotaControllerTest {

  private static final String Q = "core/resourcequotas/ns/q";
  private final MemoryCluster cluster = new MemoryCluster();
  private final Controller controller = ResourceQuotaController.controller(cluster.context(Clock.systemUTC()));

  @Test
  void statusCountsNonTerminalPodsAndObjectsOfItsNamespace() throws Exception {
    cluster.put(Key.parse(Q), json("""
        {"metadata": {"name": "q", "namespace": "ns", "uid": "q1"},
         "spec": {"hard": {"pods": "5", "requests.cpu": "2", "limits.memory": "1Gi", "configmaps": "3",
                           "count/deployments.apps": "2"}}}"""));
    pod("ns", "a", "500m", "256Mi", "Running");
    pod("ns", "b", "250m", "512Mi", "Running");
    pod("ns", "done", "1", "1Gi", "Succeeded");
    pod("other", "c", "1", "1Gi", "Running");
    cluster.put(Key.parse("core/configmaps/ns/cm"), json("{\"metadata\": {\"name\": \"cm\", \"namespace\": \"ns\"}}"));
    cluster.put(Key.parse("apps/deployments/ns/d"), json("{\"metadata\": {\"name\": \"d\", \"namespace\": \"ns\"}}"));
    controller.reconciler().reconcile(Q);
    assertEquals("{\"configmaps\":\"1\",\"count/deployments.apps\":\"1\",\"limits.memory\":\"768Mi\",\"pods\":\"2\","
        + "\"requests.cpu\":\"750m\"}", cluster.get(Key.parse(Q)).at("/status/used").toString());
    assertEquals("5", cluster.get(Key.parse(Q)).at("/status/hard/pods").asText());
    int writes = cluster.writes.size();
    controller.reconciler().reconcile(Q);
    assertEquals(writes, cluster.writes.size(), "a status that is right is not written again");
  }

  @Test
  void aScopedQuotaCountsOnlyThePodsInItsScope() throws Exception {
    cluster.put(Key.parse(Q), json("""
        {"metadata": {"name": "q", "namespace": "ns", "uid": "q1"},
         "spec": {"hard": {"pods": "5"}, "scopes": ["NotBestEffort"]}}"""));
    pod("ns", "a", "500m", "256Mi", "Running");
    cluster.put(Key.parse("core/pods/ns/be"), json("""
        {"metadata": {"name": "be", "namespace": "ns"}, "spec": {"containers": [{"name": "c"}]},
         "status": {"phase": "Running"}}"""));
    controller.reconciler().reconcile(Q);
    assertEquals("1", cluster.get(Key.parse(Q)).at("/status/used/pods").asText());
  }

  private void pod(String ns, String name, String cpu, String memory, String phase) {
    cluster.put(Key.parse("core/pods/" + ns + "/" + name), json("""
        {"metadata": {"name": "%s", "namespace": "%s", "uid": "u-%s"},
         "spec": {"containers": [{"name": "c", "resources": {"requests": {"cpu": "%s"}, "limits": {"memory": "%s"}}}]},
         "status": {"phase": "%s"}}""".formatted(name, ns, name, cpu, memory, phase)));
  }

  private static ObjectNode json(String s) {
    return Json.object(s.getBytes(StandardCharsets.UTF_8));
  }
}
