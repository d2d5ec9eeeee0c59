package io.logplane.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatenciesTest {
  private static final long[] ONE_TO_HUNDRED = LongStream.rangeClosed(1, 100).toArray();

  @Test
  void nearestRankOnOneToHundred() {
    assertEquals(50, Latencies.percentile(ONE_TO_HUNDRED, 50));
    assertEquals(99, Latencies.percentile(ONE_TO_HUNDRED, 99));
    assertEquals(100, Latencies.percentile(ONE_TO_HUNDRED, 100));
    assertEquals(1, Latencies.percentile(ONE_TO_HUNDRED, 0.5));
    assertEquals(91, Latencies.percentile(ONE_TO_HUNDRED, 90.1));
  }

  @Test
  void smallSamples() {
    assertEquals(7, Latencies.percentile(new long[] {7}, 50));
    assertEquals(7, Latencies.percentile(new long[] {7}, 99));
    assertEquals(10, Latencies.percentile(new long[] {10, 20}, 50));
    assertEquals(20, Latencies.percentile(new long[] {10, 20}, 99));
    // p99 of 1000 values is the 990th, not the largest.
    long[] thousand = LongStream.rangeClosed(1, 1000).toArray();
    assertEquals(990, Latencies.percentile(thousand, 99));
    assertEquals(500, Latencies.percentile(thousand, 50));
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Latencies.percentile(new long[0], 50));
    assertThrows(IllegalArgumentException.class, () -> Latencies.percentile(ONE_TO_HUNDRED, 0));
    assertThrows(IllegalArgumentException.class,
        () -> Latencies.percentile(ONE_TO_HUNDRED, 101));
  }

  @Test
  void statsSortWhatWasRecordedInAnyOrder() {
    Latencies l = new Latencies();
    for (long v = 2000; v >= 1; v--) { // more than the initial capacity, descending
      l.record(v * 1_000_000);
    }
    Latencies.Stats s = l.stats();
    assertEquals(2000, s.count());
    assertEquals(1000_000_000L, s.p50());
    assertEquals(1980_000_000L, s.p99());
    assertEquals(2000_000_000L, s.max());
    assertEquals("p50=1000.00ms p99=1980.00ms max=2000.00ms", s.format());
  }

  @Test
  void noSamples() {
    assertEquals(Latencies.Stats.EMPTY, new Latencies().stats());
    assertEquals("no samples", Latencies.Stats.EMPTY.format());
  }
}
