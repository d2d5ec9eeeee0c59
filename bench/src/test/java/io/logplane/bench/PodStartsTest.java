package io.logplane.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pod start latencies from creates sent and watch events, on a clock of the test's. */
class PodStartsTest {
  private long now = 1000;
  private final PodStarts starts = new PodStarts(() -> now);

  private static JsonNode pod(String name, String phase) throws Exception {
    return Json.MAPPER.readTree("{\"metadata\":{\"name\":\"" + name + "\"},\"status\":{\"phase\":\""
        + phase + "\"}}");
  }

  @Test
  void aStartCountsFromTheCreateSentToTheFirstRunningSeen() throws Exception {
    starts.listed(List.of());
    assertTrue(starts.listed());
    starts.sent("a");
    now = 1100;
    starts.sent("b");
    starts.changed("ADDED", pod("a", "Pending"));
    starts.changed("ADDED", pod("b", "Pending"));
    now = 1500;
    starts.changed("MODIFIED", pod("a", "Running"));
    now = 1700;
    starts.changed("MODIFIED", pod("a", "Running")); // a later status change: not a start
    assertEquals(1, starts.running());
    now = 2100;
    starts.changed("MODIFIED", pod("b", "Running"));
    assertEquals(2, starts.running());
    Latencies.Stats s = starts.latencies().stats();
    assertEquals(2, s.count());
    assertEquals(500, s.p50());
    assertEquals(1000, s.max());
  }

  @Test
  void podsNotCreatedByTheBenchAreCountedButNotTimedAndDeletionsCountDown() throws Exception {
    starts.listed(List.of(pod("other", "Running")));
    starts.sent("a");
    starts.changed("ADDED", pod("a", "Running"));
    assertEquals(2, starts.pods());
    assertEquals(1, starts.running());
    assertEquals(1, starts.latencies().count());
    starts.changed("DELETED", pod("a", "Running"));
    starts.listed(List.of());
    assertEquals(0, starts.pods());
  }
}
