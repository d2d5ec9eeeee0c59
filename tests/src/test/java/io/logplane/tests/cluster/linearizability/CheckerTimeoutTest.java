package io.logplane.tests.cluster.linearizability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * A search that would take too long ends in an unknown verdict, naming the key, instead of
 * hanging the build; the clock is a parameter, so most of this runs on a fake one.
 */
class CheckerTimeoutTest {

  /**
   * Twenty concurrent blind writes, then two reads that see two of them in an order the writes'
   * returns forbid: every subset of the writes is a state the search must rule out, about ten
   * million configurations.
   */
  static List<Operation> hardFailingHistory(String key) {
    List<Operation> ops = new ArrayList<>();
    ops.add(Operation.of("c0", key, 0, 1, Input.create("a"), Output.written("1")));
    for (int i = 0; i < 20; i++) {
      ops.add(Operation.of("w" + i, key, 10, 100, Input.update("v" + i), Output.written(Integer.toString(10 + i))));
    }
    ops.add(Operation.of("r", key, 200, 210, Input.get(), Output.found("v0", "10")));
    ops.add(Operation.of("r", key, 220, 230, Input.get(), Output.found("v1", "11")));
    return ops;
  }

  /** A clock that moves a second every time it is read. */
  private static LongSupplier fastClock() {
    AtomicLong now = new AtomicLong();
    return () -> now.addAndGet(1_000_000_000L);
  }

  @Test
  void aSearchPastItsTimeoutGivesUpWithUnknown() {
    Result r = new LinearizabilityChecker(Duration.ofSeconds(10), fastClock()).check(hardFailingHistory("x"));
    Result.Unknown unknown = assertInstanceOf(Result.Unknown.class, r, r.explanation());
    assertEquals("x", unknown.key());
    assertTrue(unknown.explanation().startsWith("x: gave up after 10000 ms and "), unknown.explanation());
    assertTrue(!unknown.isLinearizable());
  }

  @Test
  void aQuickSearchIsNotCutShort() {
    List<Operation> history = RandomHistories.generate(1, 500, 2, 4, 0);
    Result r = new LinearizabilityChecker(Duration.ofSeconds(10), fastClock()).check(history);
    assertTrue(r.isLinearizable(), r.explanation());
  }

  @Test
  void aFailureOnOneKeyIsReportedOverATimeoutOnAnother() {
    List<Operation> history = new ArrayList<>(hardFailingHistory("a"));
    history.addAll(HistoryText.parse("""
        c1 b 0..10 create a -> ok 1
        c2 b 20..30 get -> notfound
        """));
    Result r = new LinearizabilityChecker(Duration.ofSeconds(10), fastClock()).check(history);
    assertEquals("b", assertInstanceOf(Result.NotLinearizable.class, r, r.explanation()).key());
  }

  @Test
  void onTheRealClockTheTimeoutHoldsToo() {
    long start = System.nanoTime();
    Result r = LinearizabilityChecker.withTimeout(Duration.ofMillis(200)).check(hardFailingHistory("x"));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertInstanceOf(Result.Unknown.class, r, r.explanation());
    assertTrue(ms < 5_000, "took " + ms + " ms");
  }
}
