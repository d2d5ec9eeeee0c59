package io.logplane.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The objects the scheduler and deployment scenarios create. */
class ControlPlaneObjectsTest {
  private static JsonNode read(String json) throws Exception {
    return Json.MAPPER.readTree(json);
  }

  @Test
  void aFakeNodeIsReadyTaintedLabelledAndOffersSchedulerPerfsCapacity() throws Exception {
    JsonNode node = read(FakeNodes.node("bench-node-7", "zone-b",
        Instant.parse("2025-03-04T05:06:07.891Z")));
    assertEquals("bench-node-7", node.at("/metadata/name").asText());
    assertEquals("true", node.at("/metadata/labels/bench.logplane.io~1fake").asText());
    assertEquals("zone-b", node.at("/metadata/labels/topology.kubernetes.io~1zone").asText());
    assertEquals("{\"key\":\"bench.logplane.io/fake\",\"value\":\"true\",\"effect\":\"NoSchedule\"}",
        node.at("/spec/taints/0").toString());
    assertEquals("100.64.0.0/24", node.at("/spec/podCIDR").asText(), "nothing for a node IPAM controller to do");
    for (String field : new String[] {"capacity", "allocatable"}) {
      assertEquals("{\"cpu\":\"4\",\"memory\":\"32Gi\",\"pods\":\"110\"}",
          node.path("status").path(field).toString());
    }
    assertEquals("2025-03-04T05:06:07Z", node.at("/status/conditions/0/lastHeartbeatTime").asText());
    assertTrue(FakeNodes.ready(node));
  }

  @Test
  void fakeNodesAreSpreadOverTheZonesByIndex() throws Exception {
    // Through the templates the creates use: zone i % 3.
    for (int i = 0; i < 6; i++) {
      String zone = FakeNodes.ZONES.get(i % 3);
      BodyTemplate t = new BodyTemplate(FakeNodes.PREFIX,
          name -> FakeNodes.node(name, zone, Instant.EPOCH));
      JsonNode node = read(t.body(i).toString());
      assertEquals("bench-node-" + i, node.at("/metadata/name").asText());
      assertEquals(zone, node.at("/metadata/labels/topology.kubernetes.io~1zone").asText());
    }
  }

  @Test
  void readinessIsTheReadyCondition() throws Exception {
    assertFalse(FakeNodes.ready(read("{\"status\":{\"conditions\":[{\"type\":\"Ready\","
        + "\"status\":\"Unknown\"}]}}")));
    assertFalse(FakeNodes.ready(read("{\"status\":{}}")));
  }

  @Test
  void aPendingPodGoesToTheFakeNodesOnlyAndRequestsSchedulingBasicsResources() throws Exception {
    JsonNode pod = read(PendingPods.pod("bench-sched-x", "pod-3"));
    assertEquals("bench-sched-x", pod.at("/metadata/namespace").asText());
    assertEquals("{\"bench.logplane.io/fake\":\"true\"}", pod.at("/spec/nodeSelector").toString());
    assertEquals("{\"cpu\":\"100m\",\"memory\":\"200Mi\"}",
        pod.at("/spec/containers/0/resources/requests").toString());
    assertEquals(java.util.List.of("bench.logplane.io/fake", "node.kubernetes.io/not-ready",
        "node.kubernetes.io/unreachable"), pod.at("/spec/tolerations").findValuesAsText("key"));
    pod.at("/spec/tolerations").forEach(t -> {
      assertEquals("Exists", t.path("operator").asText());
      assertEquals("NoSchedule", t.path("effect").asText());
    });
    assertEquals(PendingPods.pod("ns", "pod-12"),
        PendingPods.template("ns", "pod-").body(12).toString());
  }

  @Test
  void theDeploymentHasTinyRequestsAndNoTolerations() throws Exception {
    JsonNode d = read(DeploymentScenario.deployment("bench-deploy-x", "bench", 1000));
    assertEquals(1000, d.at("/spec/replicas").asInt());
    assertEquals(d.at("/spec/selector/matchLabels").toString(),
        d.at("/spec/template/metadata/labels").toString());
    assertEquals("{\"cpu\":\"1m\",\"memory\":\"1Mi\"}",
        d.at("/spec/template/spec/containers/0/resources/requests").toString());
    assertTrue(d.at("/spec/template/spec/tolerations").isMissingNode());
  }
}
