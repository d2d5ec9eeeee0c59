package io.logplane.controllers.podautoscaler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cases of kube's replica_calculator_test, for resource metrics. */
class ReplicaCalculatorTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final List<ObjectNode> pods = new ArrayList<>();
  private final List<ObjectNode> reports = new ArrayList<>();

  @Test
  void scalesUpToBringTheAverageUtilizationToTheTarget() throws Exception {
    given(new String[] {"1", "1", "1"}, "300m", "500m", "700m");
    ReplicaCalculator.Proposal p = utilization(3, 30);
    assertEquals(5, p.replicas());
    assertEquals(50, p.utilization());
    assertEquals(500, p.rawAverage());
  }

  @Test
  void scalesDown() throws Exception {
    given(new String[] {"1", "1", "1", "1", "1"}, "100m", "300m", "500m", "250m", "250m");
    ReplicaCalculator.Proposal p = utilization(5, 50);
    assertEquals(3, p.replicas());
    assertEquals(28, p.utilization());
  }

  @Test
  void withinTheToleranceNothingChanges() throws Exception {
    given(new String[] {"900m", "1", "1100m"}, "1010m", "1030m", "1020m");
    assertEquals(3, utilization(3, 100).replicas());
  }

  @Test
  void anUnreadyPodCountsAsIdleWhenScalingUp() throws Exception {
    given(new String[] {"1", "1", "1"}, "300m", "500m", "700m");
    pods.set(0, Hpas.pod("p0", "1", NOW.minusSeconds(60), false));
    ReplicaCalculator.Proposal p = utilization(3, 30);
    assertEquals(4, p.replicas());
    assertEquals(60, p.utilization());
  }

  @Test
  void aPodMissingMetricsDampsTheChange() throws Exception {
    given(new String[] {"1", "1"}, "1900m", null);
    assertEquals(2, utilization(2, 100).replicas(), "counted idle, 95 % is within the tolerance");
    pods.clear();
    reports.clear();
    given(new String[] {"1", "1", "1", "1"}, "400m", "95m", null, null);
    assertEquals(3, utilization(4, 100).replicas(), "counted at their request when scaling down");
  }

  @Test
  void anAverageValueTargetComparesTheRawAverage() throws Exception {
    given(new String[] {"1", "1", "1"}, "200m", "300m", "400m");
    ReplicaCalculator.Proposal p = ReplicaCalculator.averageValue(3, 150, "cpu", pods, metrics(), NOW);
    assertEquals(6, p.replicas());
    assertNull(p.utilization());
    assertEquals(300, p.rawAverage());
  }

  @Test
  void failuresSayWhatKubeSays() {
    assertEquals("no pods returned by selector while calculating replica count",
        assertThrows(ReplicaCalculator.MetricsError.class, () -> utilization(1, 50)).getMessage());
    given(new String[] {"1"}, "100m");
    pods.get(0).with("spec").withArray("containers").addObject().put("name", "sidecar");
    assertEquals("missing request for cpu in container sidecar of Pod p0",
        assertThrows(ReplicaCalculator.MetricsError.class, () -> utilization(1, 50)).getMessage());
    pods.set(0, Hpas.pod("p0", "1", NOW.minusSeconds(60), false));
    assertEquals("did not receive metrics for targeted pods (pods might be unready)",
        assertThrows(ReplicaCalculator.MetricsError.class, () -> utilization(1, 50)).getMessage());
  }

  private void given(String[] requests, String... usage) {
    for (int i = 0; i < requests.length; i++) {
      pods.add(Hpas.pod("p" + i, requests[i], Hpas.LONG_AGO, true));
      if (usage[i] != null) {
        reports.add(Hpas.usage("p" + i, usage[i], NOW));
      }
    }
  }

  private ReplicaCalculator.Proposal utilization(int current, int target) throws Exception {
    return ReplicaCalculator.utilization(current, target, "cpu", pods, metrics(), NOW);
  }

  private Map<String, PodMetric> metrics() {
    var names = new HashSet<String>();
    pods.forEach(p -> names.add(p.at("/metadata/name").asText()));
    return PodMetric.of(reports, "cpu", names);
  }
}
