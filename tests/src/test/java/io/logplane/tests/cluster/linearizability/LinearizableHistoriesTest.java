package io.logplane.tests.cluster.linearizability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Histories a correct server can produce pass: sequential ones, and concurrent ones in any order. */
class LinearizableHistoriesTest {

  static Result check(String history) {
    return new LinearizabilityChecker().check(HistoryText.parse(history));
  }

  static void passes(String history) {
    Result r = check(history);
    assertTrue(r.isLinearizable(), r.explanation());
  }

  @Test
  void anEmptyHistoryPasses() {
    assertEquals(new Result.Linearizable(0, 0), new LinearizabilityChecker().check(List.of()));
  }

  @Test
  void aSequentialLifeOfAnObjectPasses() {
    passes("""
        c1 x 0..10 get -> notfound
        c1 x 11..20 create a -> ok 1
        c2 x 21..30 create b -> exists
        c2 x 31..40 get -> found a 1
        c2 x 41..50 update b if 1 -> ok 2
        c1 x 51..60 update c if 1 -> conflict
        c1 x 61..70 get -> found b 2
        c1 x 71..80 update c -> ok 5
        c2 x 81..90 delete if 2 -> conflict
        c2 x 91..100 delete if 5 -> ok
        c1 x 101..110 delete -> notfound
        c1 x 111..120 update d if 5 -> notfound
        c2 x 121..130 create d -> ok 9
        c2 x 131..140 get -> found d 9
        """);
  }

  @Test
  void readsOverlappingAWriteMaySeeEitherSide() {
    passes("""
        c1 x 0..10 create a -> ok 1
        c2 x 20..60 update b if 1 -> ok 2
        c3 x 25..30 get -> found b 2
        c4 x 26..50 get -> found a 1
        c3 x 31..40 get -> found b 2
        c4 x 55..70 get -> found b 2
        """);
  }

  @Test
  void ofTwoConcurrentUpdatesFromOneRvOneWinsAndTheOtherConflicts() {
    passes("""
        c1 x 0..10 create a -> ok 1
        c2 x 11..20 get -> found a 1
        c3 x 12..21 get -> found a 1
        c2 x 30..50 update b if 1 -> conflict
        c3 x 31..40 update c if 1 -> ok 2
        c2 x 51..60 get -> found c 2
        c2 x 61..70 update b if 2 -> ok 3
        """);
  }

  @Test
  void anOrderOtherThanCallOrderIsFound() {
    // c2's update was called last but took effect first: c3 read its value before c1's write
    passes("""
        c0 x 0..1 create a -> ok 1
        c1 x 10..100 update b -> ok 3
        c2 x 20..90 update c -> ok 2
        c3 x 30..40 get -> found c 2
        c4 x 101..110 get -> found b 3
        """);
  }

  @Test
  void endsThatTouchCountAsConcurrent() {
    passes("""
        c1 x 0..10 create a -> ok 1
        c2 x 10..20 get -> notfound
        """);
  }

  @Test
  void createsAndDeletesRacingPass() {
    passes("""
        c1 x 0..50 create a -> ok 1
        c2 x 5..45 create b -> exists
        c3 x 10..40 delete -> ok
        c4 x 15..35 create c -> ok 3
        c5 x 20..30 get -> found c 3
        c1 x 60..70 get -> found c 3
        """);
  }

  @Test
  void aNoOpUpdateMayKeepItsRv() {
    passes("""
        c1 x 0..10 create a -> ok 1
        c2 x 11..20 update a if 1 -> ok 1
        c3 x 21..30 get -> found a 1
        """);
  }

  @Test
  void theVerdictDoesNotDependOnTheOrderTheHistoryIsGivenIn() {
    List<Operation> ops = new ArrayList<>(HistoryText.parse("""
        c1 x 0..10 create a -> ok 1
        c2 x 20..60 update b if 1 -> ok 2
        c3 x 25..30 get -> found b 2
        c4 x 26..50 get -> found a 1
        c4 y 0..5 create q -> ok 7
        c1 y 6..8 get -> found q 7
        """));
    Random random = new Random(7);
    for (int i = 0; i < 10; i++) {
      Collections.shuffle(ops, random);
      Result r = new LinearizabilityChecker().check(ops);
      assertEquals(new Result.Linearizable(2, 6), r, r.explanation());
    }
  }
}
