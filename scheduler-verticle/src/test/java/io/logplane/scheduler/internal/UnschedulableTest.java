package io.logplane.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The PodScheduled=False condition: set once per message, its transition time kept while False. */
class UnschedulableTest {

  private static final String T0 = "2026-12-02T10:00:00Z";
  private static final String T1 = "2026-12-02T10:01:00Z";

  @Test
  void theConditionIsSetOncePerMessageAndKeepsItsTransitionTime() {
    ObjectNode pod = Json.object("{\"metadata\":{\"name\":\"p\"},\"status\":{\"phase\":\"Pending\"}}"
        .getBytes(StandardCharsets.UTF_8));
    ObjectNode first = Unschedulable.marked(pod, "0/1 nodes are available: 1 Insufficient cpu.", T0);
    assertEquals("{\"type\":\"PodScheduled\",\"lastTransitionTime\":\"" + T0 + "\",\"lastProbeTime\":null,"
        + "\"status\":\"False\",\"reason\":\"Unschedulable\",\"message\":\"0/1 nodes are available: 1 Insufficient cpu.\"}",
        first.at("/status/conditions/0").toString());
    assertNull(Unschedulable.marked(first, "0/1 nodes are available: 1 Insufficient cpu.", T1), "said already");
    ObjectNode second = Unschedulable.marked(first, "0/2 nodes are available: 2 Insufficient cpu.", T1);
    assertEquals(T0, second.at("/status/conditions/0/lastTransitionTime").asText(), "still False since T0");
    assertEquals(1, second.at("/status/conditions").size());
  }
}
