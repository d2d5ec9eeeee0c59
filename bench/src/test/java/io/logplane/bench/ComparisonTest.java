package io.logplane.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The side-by-side table of bench --compare: both figures of a step and how many times better A is. */
class ComparisonTest {

  private static Result result(String scenario, double perSecond, long p50Nanos, long p99Nanos) {
    return Result.of(scenario, 100, new Errors(), perSecond, new Latencies.Stats(100, p50Nanos, p99Nanos, p99Nanos),
        "");
  }

  @Test
  void ratesAreAOverBAndLatenciesBOverA() {
    String table = Comparison.table(
        List.of(result("create c=16", 3000, 2_000_000, 10_000_000), result("list", Double.NaN, 40_000_000, 50_000_000)),
        List.of(result("list", Double.NaN, 20_000_000, 100_000_000), result("create c=16", 1000, 4_000_000, 5_000_000)));
    String[] rows = table.split("\\R");
    assertEquals(4, rows.length, table);
    assertTrue(rows[0].matches("scenario +A per sec +B per sec +A/B +A p50 ms +B p50 ms +B/A +A p99 ms +B p99 ms +B/A"),
        rows[0]);
    assertTrue(rows[1].matches("create c=16 +3000\\.0 +1000\\.0 +3\\.00× +2\\.00 +4\\.00 +2\\.00× +10\\.00 +5\\.00 +0\\.50×"),
        rows[1]);
    assertTrue(rows[2].matches("list +- +- +- +40\\.00 +20\\.00 +0\\.50× +50\\.00 +100\\.00 +2\\.00×"), rows[2]);
    assertTrue(rows[3].contains("above 1, A is faster"), rows[3]);
  }

  @Test
  void aStepOnlyOneSideRanHasDashesForTheOther() {
    String table = Comparison.table(List.of(result("watch", 500, 1_000_000, 2_000_000)),
        List.of(result("rate", 200, 1_000_000, 1_000_000)));
    String[] rows = table.split("\\R");
    assertTrue(rows[1].matches("watch +500\\.0 +- +- +1\\.00 +- +- +2\\.00 +- +-"), rows[1]);
    assertTrue(rows[2].matches("rate +- +200\\.0 +- +- +1\\.00 +- +- +1\\.00 +-"), rows[2]);
  }

  @Test
  void ratiosMeanNothingWithoutTwoPositiveFigures() {
    assertEquals(2.0, Comparison.times(4, 2));
    assertTrue(Double.isNaN(Comparison.times(4, 0)));
    assertTrue(Double.isNaN(Comparison.times(Double.NaN, 2)));
  }

  @Test
  void roundsAlternateWhichServerGoesFirst() {
    assertEquals(List.of("A", "B"), Comparison.roundOrder(List.of("A", "B"), 1));
    assertEquals(List.of("B", "A"), Comparison.roundOrder(List.of("A", "B"), 2));
    assertEquals(List.of("A", "B"), Comparison.roundOrder(List.of("A", "B"), 3));
    assertEquals(List.of("A"), Comparison.roundOrder(List.of("A"), 2));
  }

  @Test
  void prefixedLinesReadApart() throws Exception {
    StringWriter s = new StringWriter();
    try (var w = new java.io.PrintWriter(new Prefixed(s, "B "))) {
      w.print("one\ntw");
      w.println("o");
      w.print("three");
    }
    assertEquals("B one\nB two" + System.lineSeparator() + "B three", s.toString());
  }
}
