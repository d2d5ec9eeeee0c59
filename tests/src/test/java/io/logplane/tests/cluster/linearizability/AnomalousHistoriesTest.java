package io.logplane.tests.cluster.linearizability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Histories no linearizable server can produce fail, each for the anomaly a broken replica or
 * store would show, and the verdict names the object and the operation that cannot be placed.
 */
class AnomalousHistoriesTest {

  /** Checks that the history fails on {@code key}, with {@code culprit} among the operations not placed. */
  static Result.NotLinearizable fails(String key, String culprit, String history) {
    Result r = new LinearizabilityChecker().check(HistoryText.parse(history));
    Result.NotLinearizable failed = assertInstanceOf(Result.NotLinearizable.class, r, r.explanation());
    assertEquals(key, failed.key(), failed.explanation());
    assertTrue(failed.unplaced().contains(HistoryText.line(culprit)), failed.explanation());
    return failed;
  }

  @Test
  void aStaleReadFails() {
    fails("x", "c3 x 40..50 get -> found a 1", """
        c1 x 0..10 create a -> ok 1
        c2 x 20..30 update b if 1 -> ok 2
        c3 x 40..50 get -> found a 1
        """);
  }

  @Test
  void twoUpdatesFromOneRvBothSucceedingIsALostUpdate() {
    fails("x", "c3 x 20..30 update c if 1 -> ok 3", """
        c1 x 0..10 create a -> ok 1
        c2 x 20..30 update b if 1 -> ok 2
        c3 x 20..30 update c if 1 -> ok 3
        """);
  }

  @Test
  void aCreateSucceedingTwiceWithoutADeleteFails() {
    fails("x", "c2 x 20..30 create b -> ok 2", """
        c1 x 0..10 create a -> ok 1
        c2 x 20..30 create b -> ok 2
        """);
  }

  @Test
  void anAcknowledgedWriteNeverSeenFails() {
    // as after a failover to a replica that never had the write: reads and writes go on from before it
    fails("x", "c3 x 30..40 get -> found a 1", """
        c1 x 0..10 create a -> ok 1
        c2 x 11..20 update b if 1 -> ok 2
        c3 x 30..40 get -> found a 1
        c3 x 41..50 update c if 1 -> ok 3
        c1 x 60..70 get -> found c 3
        """);
  }

  @Test
  void anRvGoingBackwardsOnReadsFails() {
    fails("x", "c3 x 50..60 get -> found b 1", """
        c1 x 0..10 create b -> ok 1
        c2 x 11..20 update b if 1 -> ok 2
        c3 x 30..40 get -> found b 2
        c3 x 50..60 get -> found b 1
        """);
  }

  @Test
  void aValueNoOneWroteFails() {
    fails("x", "c2 x 20..30 get -> found z 1", """
        c1 x 0..10 create a -> ok 1
        c2 x 20..30 get -> found z 1
        """);
  }

  @Test
  void anObjectSeenAfterItsDeleteReturnedFails() {
    fails("x", "c2 x 30..40 get -> found a 1", """
        c1 x 0..10 create a -> ok 1
        c1 x 11..20 delete -> ok
        c2 x 30..40 get -> found a 1
        """);
  }

  @Test
  void aConflictWhenTheRvMatchedFails() {
    fails("x", "c2 x 20..30 update b if 1 -> conflict", """
        c1 x 0..10 create a -> ok 1
        c2 x 20..30 update b if 1 -> conflict
        """);
  }

  @Test
  void anObjectLostBetweenReadsFails() {
    fails("x", "c2 x 20..30 get -> notfound", """
        c1 x 0..10 create a -> ok 1
        c2 x 20..30 get -> notfound
        c3 x 40..50 get -> found a 1
        """);
  }

  @Test
  void readsThatDisagreeOnTheOrderOfTwoWritesFail() {
    // every read overlaps both writes, but c3 saw b then c, and c4 saw c then b
    fails("x", "c4 x 45..60 get -> found b 2", """
        c0 x 0..1 create a -> ok 1
        c1 x 10..100 update b -> ok 2
        c2 x 10..100 update c -> ok 3
        c3 x 20..30 get -> found b 2
        c3 x 31..40 get -> found c 3
        c4 x 20..40 get -> found c 3
        c4 x 45..60 get -> found b 2
        """);
  }

  @Test
  void aFailureOnOneKeyNamesThatKeyAndNotTheOthers() {
    Result.NotLinearizable failed = fails("configmaps/default/y", "c2 configmaps/default/y 20..30 get -> found a 1", """
        c1 configmaps/default/x 0..10 create a -> ok 1
        c2 configmaps/default/x 20..30 get -> found a 1
        c1 configmaps/default/y 0..10 create a -> ok 1
        c1 configmaps/default/y 11..15 update b if 1 -> ok 2
        c2 configmaps/default/y 20..30 get -> found a 1
        c1 configmaps/default/z 0..10 create a -> ok 1
        """);
    assertTrue(failed.longestPrefix().stream().allMatch(o -> o.key().equals("configmaps/default/y")));
    assertTrue(!failed.explanation().contains("configmaps/default/x") && !failed.explanation().contains("/z"),
        failed.explanation());
  }

  @Test
  void otherFailingKeysAreListed() {
    Result r = new LinearizabilityChecker().check(HistoryText.parse("""
        c1 b 0..10 create a -> ok 1
        c2 b 20..30 get -> notfound
        c1 a 0..10 create a -> ok 1
        c2 a 20..30 get -> notfound
        """));
    Result.NotLinearizable failed = assertInstanceOf(Result.NotLinearizable.class, r);
    assertEquals("a", failed.key());
    assertTrue(failed.explanation().endsWith("Not linearizable either: b\n"), failed.explanation());
  }

  @Test
  void theExplanationShowsThePrefixTheStateAndWhyEachNextOperationCannotBePlaced() {
    Result.NotLinearizable failed = fails("x", "c3 x 140..150 get -> found a 1", """
        c1 x 100..110 create a -> ok 1
        c2 x 120..130 update b if 1 -> ok 2
        c4 x 135..145 update c if 1 -> conflict
        c3 x 140..150 get -> found a 1
        c4 x 151..160 get -> found b 2
        """);
    assertEquals(HistoryText.parse("""
        c1 x 100..110 create a -> ok 1
        c2 x 120..130 update b if 1 -> ok 2
        c4 x 135..145 update c if 1 -> conflict
        """), failed.longestPrefix());
    assertEquals("""
        x is not linearizable: 5 operations, times in ns after the key's first call (nanoTime 100).
        The longest linearizable prefix found places 3 of them, from an absent object:
          c1 x 0..10 create a -> ok 1   => a@1
          c2 x 20..30 update b if 1 -> ok 2   => b@2
          c4 x 35..45 update c if 1 -> conflict   => b@2
        After it the object is b@2, and no operation can take effect before [c3 x 40..50 get -> found a 1] returns:
          c3 x 40..50 get -> found a 1   -- the object holds another value
        """, failed.explanation());
  }
}
