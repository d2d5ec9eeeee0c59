package io.logplane.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counting pods, binds and readiness from a list and watch events, on a clock of the test's. */
class PodTallyTest {
  private long now = 100;
  private final PodTally tally = new PodTally(3, () -> now);

  private static JsonNode pod(String name, String node, boolean ready) throws Exception {
    return Json.MAPPER.readTree("{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{"
        + (node == null ? "" : "\"nodeName\":\"" + node + "\"") + "},\"status\":{\"conditions\":"
        + "[{\"type\":\"PodScheduled\",\"status\":\"True\"},{\"type\":\"Ready\",\"status\":\""
        + (ready ? "True" : "False") + "\"}]}}");
  }

  @Test
  void marksTheFirstAndLastBindAndWhenEachCountReachedTheTarget() throws Exception {
    tally.listed(List.of(pod("a", null, false), pod("b", null, false)));
    PodTally.Snapshot s = tally.snapshot();
    assertTrue(s.listed());
    assertEquals(2, s.pods());
    assertEquals(-1, s.allCreated());
    now = 110;
    tally.changed("ADDED", pod("c", null, false));
    now = 120;
    tally.changed("MODIFIED", pod("a", "n1", false));
    now = 130;
    tally.changed("MODIFIED", pod("a", "n1", true)); // a status change: no second bind
    now = 140;
    tally.changed("MODIFIED", pod("b", "n2", false));
    now = 150;
    tally.changed("MODIFIED", pod("c", "n1", true));
    s = tally.snapshot();
    assertEquals(new PodTally.Snapshot(true, 3, 3, 2, 120, 150, 110, 150, -1), s);
    now = 160;
    tally.changed("MODIFIED", pod("b", "n2", true));
    assertEquals(160, tally.snapshot().allReady());
  }

  @Test
  void deletionsCountDown() throws Exception {
    tally.listed(List.of(pod("a", "n", true), pod("b", "n", true)));
    tally.changed("DELETED", pod("a", "n", true));
    PodTally.Snapshot s = tally.snapshot();
    assertEquals(1, s.pods());
    assertEquals(1, s.bound());
    assertEquals(1, s.ready());
    tally.changed("DELETED", pod("b", "n", true));
    tally.changed("DELETED", pod("never-seen", "n", true));
    assertEquals(0, tally.snapshot().pods());
    assertEquals(0, tally.snapshot().bound());
  }

  @Test
  void aListAfterABrokenWatchIsTheWholeTruthAndCountsOnlyNewBinds() throws Exception {
    tally.listed(List.of(pod("a", "n", false), pod("b", null, false), pod("gone", null, false)));
    assertEquals(100, tally.snapshot().firstBind());
    now = 200;
    tally.listed(List.of(pod("a", "n", false), pod("b", null, false)));
    PodTally.Snapshot s = tally.snapshot();
    assertEquals(2, s.pods());
    assertEquals(1, s.bound());
    assertEquals(100, s.lastBind(), "a stays bound: no new bind");
    now = 300;
    tally.listed(List.of(pod("a", "n", false), pod("b", "m", false)));
    assertEquals(300, tally.snapshot().lastBind());
  }

  @Test
  void theBindRateRunsFromTheFirstBindToTheLast() {
    PodTally.Snapshot s = new PodTally.Snapshot(true, 1001, 1001, 0, 1_000_000_000L,
        3_000_000_000L, 0, 0, -1);
    assertEquals(500.0, SchedulerScenario.rate(s), 1e-9);
    assertTrue(Double.isNaN(SchedulerScenario.rate(
        new PodTally.Snapshot(true, 1, 1, 0, 5, 5, 0, 0, -1))));
  }

  @Test
  void theBindNoteSaysTheServersCpuPerBindWhenItWasMeasured() {
    PodTally.Snapshot s = new PodTally.Snapshot(true, 1000, 1000, 0, 1_000_000_000L,
        3_000_000_000L, 0, 0, -1);
    assertEquals("first bind 1.00s after the release, last 3.00s after it (333/s from the release)",
        SchedulerScenario.note(s, 0, -1));
    assertEquals("first bind 1.00s after the release, last 3.00s after it (333/s from the release);"
        + " server CPU 1.5s from the release to the last bind, 1.50 ms per bind", SchedulerScenario.note(s, 0, 150));
  }

  @Test
  void theDeploymentsMarksAreCountedFromItsCreate() {
    PodTally.Snapshot s = new PodTally.Snapshot(true, 10, 10, 10, 0, 0, 2_100_000_000L,
        3_020_000_000L, 5_900_000_000L);
    assertEquals("ready 6.21s after the create: pods created 2.10s, bound 3.02s, Ready 5.90s",
        DeploymentScenario.marks(s, 0, 6_210_000_000L));
    assertEquals("not ready: pods created 2.10s, bound -, Ready -", DeploymentScenario.marks(
        new PodTally.Snapshot(true, 10, 3, 0, 0, 0, 2_100_000_000L, -1, -1), 0, -1));
    assertFalse(DeploymentScenario.marks(s, 0, -1).startsWith("ready"));
  }
}
