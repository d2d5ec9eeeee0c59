package io.logplane.controllers.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.MemoryCluster;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A claim being deleted stays while a scheduled pod that has not ended uses it. */
class ClaimProtectionControllerTest {

  private final MemoryCluster cluster = new MemoryCluster();
  private final Controller controller = ClaimProtectionController.controller(cluster.context(Clock.systemUTC()));
  private final Key claim = Key.parse("core/persistentvolumeclaims/ns/data");

  @Test
  void theFinalizerGoesOnceNoRunningPodUsesTheClaim() throws Exception {
    cluster.put(claim, object("{\"metadata\": {\"name\": \"data\", \"namespace\": \"ns\", \"deletionTimestamp\":"
        + " \"2026-01-01T00:00:00Z\", \"finalizers\": [\"kubernetes.io/pvc-protection\"]}}"));
    pod("user", "node-1", "Running");
    pod("unscheduled", "", "Pending");
    controller.reconciler().reconcile(claim.toString());
    assertEquals(List.of(), cluster.writes, "a running pod holds it");

    pod("user", "node-1", "Succeeded");
    controller.reconciler().reconcile(claim.toString());
    assertEquals(List.of("update " + claim), cluster.writes);
    assertNull(cluster.get(claim), "gone with its last finalizer");
  }

  private void pod(String name, String node, String phase) {
    cluster.put(Key.parse("core/pods/ns/" + name), object("{\"metadata\": {\"name\": \"" + name + "\", \"namespace\":"
        + " \"ns\"}, \"spec\": {\"nodeName\": \"" + node + "\", \"volumes\": [{\"name\": \"d\", \"persistentVolumeClaim\":"
        + " {\"claimName\": \"data\"}}]}, \"status\": {\"phase\": \"" + phase + "\"}}"));
  }

  private static ObjectNode object(String json) {
    return Json.object(json.getBytes(StandardCharsets.UTF_8));
  }
}
