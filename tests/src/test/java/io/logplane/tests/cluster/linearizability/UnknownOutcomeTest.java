package io.logplane.tests.cluster.linearizability;

import static io.logplane.tests.cluster.linearizability.AnomalousHistoriesTest.fails;
import static io.logplane.tests.cluster.linearizability.LinearizableHistoriesTest.passes;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Requests that got no answer may have taken effect at any point after their call, or not at all;
 * a write of theirs that a GET shows is accepted at the resourceVersion the GET shows. They still
 * cannot take effect before their call, twice, or against a precondition that did not hold.
 */
class UnknownOutcomeTest {

  @Test
  void anUnknownWriteThatAGetShowsLaterPassesAtWhateverRvItShows() {
    passes("""
        c1 x 0..10 create a -> ok 1
        c2 x 20..? update b if 1 -> ?
        c3 x 30..40 get -> found b 17
        c3 x 41..50 update c if 17 -> ok 18
        c1 x 60..70 get -> found c 18
        """);
  }

  @Test
  void anUnknownWriteThatNoOneEverSeesPasses() {
    passes("""
        c1 x 0..10 create a -> ok 1
        c2 x 20..? update b -> ?
        c3 x 30..40 get -> found a 1
        c3 x 1000..1010 get -> found a 1
        """);
  }

  @Test
  void anUnknownWriteMayTakeEffectLongAfterItsCall() {
    passes("""
        c1 x 0..10 create a -> ok 1
        c2 x 20..? update b -> ?
        c3 x 30..40 get -> found a 1
        c3 x 50..60 update c if 1 -> ok 2
        c3 x 1000..1010 get -> found b 5
        """);
  }

  @Test
  void anUnknownCreateAndDeleteMayEachHaveTakenEffect() {
    passes("""
        c1 x 0..? create a -> ?
        c2 x 10..20 get -> found a 4
        c3 x 30..? delete -> ?
        c2 x 40..50 get -> found a 4
        c2 x 60..70 get -> notfound
        """);
  }

  @Test
  void aGetOfUnknownOutcomeSaysNothing() {
    passes("""
        c1 x 0..10 create a -> ok 1
        c2 x 5..? get -> ?
        c3 x 20..30 get -> found a 1
        """);
  }

  @Test
  void anUnknownWriteSeenBeforeItsCallFails() {
    fails("x", "c3 x 20..30 get -> found b 5", """
        c1 x 0..10 create a -> ok 1
        c3 x 20..30 get -> found b 5
        c2 x 40..? update b -> ?
        """);
  }

  @Test
  void anUnknownWriteCannotBeSeenAtTwoRvs() {
    fails("x", "c3 x 50..60 get -> found b 18", """
        c1 x 0..10 create a -> ok 1
        c2 x 20..? update b -> ?
        c3 x 30..40 get -> found b 17
        c3 x 50..60 get -> found b 18
        """);
  }

  @Test
  void anUnknownUpdateFromAStaleRvCannotHaveTakenEffect() {
    fails("x", "c3 x 40..50 get -> found c 3", """
        c1 x 0..10 create a -> ok 1
        c1 x 11..20 update b if 1 -> ok 2
        c2 x 30..? update c if 1 -> ?
        c3 x 40..50 get -> found c 3
        """);
  }

  @Test
  void anUnknownCreateCannotResurrectAnObjectThatExisted() {
    fails("x", "c3 x 40..50 get -> found b 9", """
        c1 x 0..10 create a -> ok 1
        c2 x 20..? create b -> ?
        c3 x 30..35 get -> found a 1
        c3 x 40..50 get -> found b 9
        """);
  }

  @Test
  void withAWindowAnUnknownWriteCannotTakeEffectAfterIt() {
    List<Operation> history = HistoryText.parse("""
        c1 x 0..10 create a -> ok 1
        c2 x 20..? update b -> ?
        c3 x 600..610 get -> found a 1
        c3 x 1000..1010 get -> found b 5
        """);
    assertTrue(new LinearizabilityChecker().check(history).isLinearizable());
    assertTrue(new LinearizabilityChecker().withUnansweredWindow(Duration.ofNanos(1000)).check(history)
        .isLinearizable());
    Result r = new LinearizabilityChecker().withUnansweredWindow(Duration.ofNanos(500)).check(history);
    Result.NotLinearizable failed = assertInstanceOf(Result.NotLinearizable.class, r, r.explanation());
    assertTrue(failed.unplaced().contains(HistoryText.line("c3 x 1000..1010 get -> found b 5")), failed.explanation());
  }

  @Test
  void anUnknownWriteSeenAtAnRvAnAnsweredWriteGotFails() {
    // rvs are unique: the unanswered write's is not the one c1's update was answered with
    fails("x", "c3 x 30..40 get -> found b 2", """
        c1 x 0..10 create a -> ok 1
        c1 x 11..20 update q if 1 -> ok 2
        c2 x 21..? update b -> ?
        c3 x 30..40 get -> found b 2
        """);
  }

  @Test
  void manyUnknownWritesDoNotMakeAFailingHistoryExponential() {
    // 30 unanswered blind writes, any subset of which may have taken effect in any order, then a
    // stale read: a search placing them in every subset would not end in a lifetime
    StringBuilder history = new StringBuilder("c0 x 0..10 create a -> ok 1\n");
    for (int i = 0; i < 30; i++) {
      history.append("u").append(i).append(" x ").append(20 + i).append("..? update w").append(i).append(" -> ?\n");
    }
    history.append("""
        c1 x 100..110 get -> found a 1
        c1 x 111..120 update b if 1 -> ok 2
        c2 x 130..140 get -> found w3 7
        c2 x 141..150 get -> found a 1
        """);
    Result r = LinearizabilityChecker.withTimeout(Duration.ofSeconds(20)).check(HistoryText.parse(history.toString()));
    Result.NotLinearizable failed = assertInstanceOf(Result.NotLinearizable.class, r, r.explanation());
    assertTrue(failed.unplaced().contains(HistoryText.line("c2 x 141..150 get -> found a 1")), failed.explanation());
  }
}
