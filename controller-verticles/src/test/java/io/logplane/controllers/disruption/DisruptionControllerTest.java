package io.logplane.controllers.disruption;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.MemoryCluster;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * A budget's status from the pods it covers, over an in-memory store: minAvailable as a count,
 * maxUnavailable as a percent of the controllers' scale, terminating and unready pods, the
 * DisruptionAllowed condition.
 */
class DisruptionControllerTest {

  private static final String PDB = "policy/poddisruptionbudgets/ns/pdb";
  private final MemoryCluster cluster = new MemoryCluster();
  private final Controller controller = DisruptionController.controller(
      cluster.context(Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC)));

  @Test
  void minAvailableCountsReadyPodsNotBeingDeleted() throws Exception {
    budget("\"minAvailable\": 2");
    pod("a", true, false);
    pod("b", true, false);
    pod("c", true, false);
    pod("d", false, false);
    pod("e", true, true);
    controller.reconciler().reconcile(PDB);
    JsonNode status = cluster.get(Key.parse(PDB)).path("status");
    assertEquals(3, status.path("currentHealthy").asInt());
    assertEquals(2, status.path("desiredHealthy").asInt());
    assertEquals(5, status.path("expectedPods").asInt());
    assertEquals(1, status.path("disruptionsAllowed").asInt());
    assertEquals(1, status.path("observedGeneration").asInt());
    assertEquals("True", status.at("/conditions/0/status").asText());
    assertEquals("SufficientPods", status.at("/conditions/0/reason").asText());
    pod("b", false, false);
    controller.reconciler().reconcile(PDB);
    status = cluster.get(Key.parse(PDB)).path("status");
    assertEquals(0, status.path("disruptionsAllowed").asInt());
    assertEquals("InsufficientPods", status.at("/conditions/0/reason").asText());
  }

  @Test
  void maxUnavailablePercentOfTheDeploymentsScale() throws Exception {
    budget("\"maxUnavailable\": \"25%\"");
    cluster.put(Key.parse("apps/deployments/ns/web"), json(
        "{\"metadata\": {\"name\": \"web\", \"namespace\": \"ns\", \"uid\": \"d1\"}, \"spec\": {\"replicas\": 4}}"));
    cluster.put(Key.parse("apps/replicasets/ns/web-1"), json("""
        {"metadata": {"name": "web-1", "namespace": "ns", "uid": "rs1",
          "ownerReferences": [{"kind": "Deployment", "name": "web", "uid": "d1", "controller": true}]},
         "spec": {"replicas": 4}}"""));
    for (String p : new String[] {"a", "b", "c", "d"}) {
      pod(p, true, false);
    }
    controller.reconciler().reconcile(PDB);
    JsonNode status = cluster.get(Key.parse(PDB)).path("status");
    assertEquals(4, status.path("expectedPods").asInt());
    assertEquals(3, status.path("desiredHealthy").asInt());
    assertEquals(1, status.path("disruptionsAllowed").asInt());
  }

  private void budget(String rule) {
    cluster.put(Key.parse(PDB), json("""
        {"metadata": {"name": "pdb", "namespace": "ns", "uid": "b1", "generation": 1},
         "spec": {%s, "selector": {"matchLabels": {"app": "web"}}}}""".formatted(rule)));
  }

  private void pod(String name, boolean ready, boolean terminating) {
    cluster.put(Key.parse("core/pods/ns/" + name), json("""
        {"metadata": {"name": "%s", "namespace": "ns", "uid": "u-%s", "labels": {"app": "web"}%s,
          "ownerReferences": [{"kind": "ReplicaSet", "name": "web-1", "uid": "rs1", "controller": true}]},
         "spec": {"containers": [{"name": "c"}]},
         "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "%s"}]}}"""
        .formatted(name, name, terminating ? ", \"deletionTimestamp\": \"2026-12-02T00:00:00Z\"" : "",
            ready ? "True" : "False")));
  }

  private static ObjectNode json(String s) {
    return Json.object(s.getBytes(StandardCharsets.UTF_8));
  }
}
