package io.logplane.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who answered a failover run's requests, and when the unready pod was last reached. */
class HitsTest {

  @Test
  void theLastRequestAPodAnsweredAndTheOthersAfterAMoment() {
    Hits hits = new Hits();
    hits.record(10, "web-a\n");
    hits.record(30, "web-b\n");
    hits.record(20, "web-a\n");
    hits.record(40, "web-b\n");
    hits.record(50, "web-b\n");
    assertEquals(5, hits.size());
    assertEquals(Map.of("web-a", 2, "web-b", 3), hits.byAnswerer());
    assertEquals(20, hits.lastSentTo("web-a"));
    assertEquals(50, hits.lastSentTo("web-b"));
    assertEquals(Long.MIN_VALUE, hits.lastSentTo("web-c"));
    assertEquals(2, hits.othersAfter("web-a", 30));
    assertEquals(2, hits.othersAfter("web-b", 0));
    assertEquals(0, hits.othersAfter("web-b", 20));
  }
}
