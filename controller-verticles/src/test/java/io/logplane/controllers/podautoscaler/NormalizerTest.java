package io.logplane.controllers.podautoscaler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Stabilization windows and scale rates, kube's defaults and an HPA's behavior, on a made-up clock. */
class NormalizerTest {

  private final Normalizer normalizer = new Normalizer();
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void withoutABehaviorUpIsAtMostTwiceOrFourAndDownWaitsFiveMinutes() {
    normalizer.recordInitial("h", 1, now);
    Normalizer.Outcome up = normalizer.normalize("h", null, 1, 10, 1, 20, now);
    assertEquals(4, up.replicas());
    assertEquals(new Normalizer.Condition("True", "ScaleUpLimit",
        "the desired replica count is increasing faster than the maximum scale rate"), up.limited());
    assertEquals("ReadyForNewScale", up.able().reason());

    Normalizer.Outcome held = normalizer.normalize("h", null, 4, 2, 1, 20, now = now.plusSeconds(60));
    assertEquals(4, held.replicas(), "held by the recommendation of 10 a minute ago");
    assertEquals("ScaleDownStabilized", held.able().reason());
    assertEquals(4, normalizer.normalize("h", null, 4, 2, 1, 20, now = now.plusSeconds(200)).replicas());
    Normalizer.Outcome down = normalizer.normalize("h", null, 4, 2, 1, 20, now = now.plusSeconds(101));
    assertEquals(2, down.replicas(), "the recommendations of the last 300 s are all 2");
  }

  @Test
  void aBehaviorsWindowAndPoliciesAreHonoured() {
    JsonNode behavior = behavior("""
        {"scaleDown": {"stabilizationWindowSeconds": 10, "policies": [{"type": "Pods", "value": 1, "periodSeconds": 60}]}}
        """);
    normalizer.recordInitial("h", 5, now);
    assertEquals(5, normalizer.normalize("h", behavior, 5, 1, 1, 10, now = now.plusSeconds(5)).replicas(),
        "the initial recommendation is within the 10 s window");
    Normalizer.Outcome down = normalizer.normalize("h", behavior, 5, 1, 1, 10, now = now.plusSeconds(11));
    assertEquals(4, down.replicas());
    assertEquals("ScaleDownLimit", down.limited().reason());
    normalizer.scaled("h", behavior, 5, 4, now);
    assertEquals(4, normalizer.normalize("h", behavior, 4, 1, 1, 10, now = now.plusSeconds(30)).replicas(),
        "one pod a minute");
    assertEquals(3, normalizer.normalize("h", behavior, 4, 1, 1, 10, now = now.plusSeconds(31)).replicas());
  }

  @Test
  void theDefaultScaleUpPoliciesTakeTheLargerOfFourPodsAndDoubling() {
    JsonNode behavior = behavior("{\"scaleDown\": {\"stabilizationWindowSeconds\": 0}}");
    assertEquals(6, normalizer.normalize("h", behavior, 2, 20, 1, 50, now).replicas());
    assertEquals(20, normalizer.normalize("h", behavior, 10, 30, 1, 50, now).replicas());
    assertEquals(new Normalizer.Condition("True", "TooManyReplicas",
        "the desired replica count is more than the maximum replica count"),
        normalizer.normalize("h", behavior, 10, 30, 1, 12, now).limited());
    JsonNode disabled = behavior("{\"scaleUp\": {\"selectPolicy\": \"Disabled\"}}");
    assertEquals(10, normalizer.normalize("d", disabled, 10, 30, 1, 50, now).replicas());
  }

  @Test
  void minReplicasHoldsWhateverTheMetricsSay() {
    Normalizer.Outcome o = normalizer.normalize("h", null, 3, 1, 2, 5, now);
    assertEquals(2, o.replicas());
    assertEquals("TooFewReplicas", o.limited().reason());
  }

  private static JsonNode behavior(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
