package io.logplane.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bodies a run sends, encoded once and patched per name. */
class BodyTemplateTest {
  @Test
  void theTemplateEncodesWhatJsonPodWould() {
    BodyTemplate template = BodyTemplate.pods("bench-r1", "bench-r1-");
    for (int i : new int[] {0, 7, 12345, Integer.MAX_VALUE}) {
      assertEquals("bench-r1-" + i, template.name(i));
      assertEquals(Json.pod("bench-r1", "bench-r1-" + i),
          template.body(i).toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aBodyThatRepeatsTheNameCannotBeATemplate() {
    assertThrows(IllegalStateException.class,
        () -> new BodyTemplate("n-", name -> "{\"a\":\"" + name + "\",\"b\":\"" + name + "\"}"));
  }

  @Test
  void theBenchsPodsWaitForASchedulerNoClusterRuns() throws Exception {
    var pod = Json.MAPPER.readTree(Json.pod("bench-r1", "bench-r1-0"));
    assertEquals("logplane-bench-none", pod.at("/spec/schedulerName").asText(),
        "neither bound to a node of the cluster measured nor marked unschedulable by its scheduler");
  }
}
