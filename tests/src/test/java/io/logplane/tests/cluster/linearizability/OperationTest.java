package io.logplane.tests.cluster.linearizability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** An operation refuses what no client could have seen, and prints as the line it is read from. */
class OperationTest {

  @Test
  void theTextFormReadsBackToTheSameOperation() {
    String text = """
        c1 configmaps/default/x 0..10 create a -> ok 1
        c2 configmaps/default/x 5..12 get -> found a 1
        c3 configmaps/default/x 11..20 update b if 1 -> ok 2
        c4 configmaps/default/x 13..21 update c -> conflict
        c1 configmaps/default/x 22..? delete if 2 -> ?
        c2 configmaps/default/x 23..30 delete -> ok
        c3 configmaps/default/x 31..32 get -> notfound
        c4 configmaps/default/x 33..34 create d -> exists
        """;
    StringBuilder back = new StringBuilder();
    HistoryText.parse(text).forEach(o -> back.append(o).append('\n'));
    assertEquals(text, back.toString());
  }

  @Test
  void anUnknownOutcomeNeverReturns() {
    Operation o = Operation.unknown("c1", "x", 5, Input.update("b"));
    assertTrue(o.isUnknown());
    assertEquals(Operation.NEVER, o.ret());
    assertThrows(IllegalArgumentException.class,
        () -> Operation.of("c1", "x", 5, 9, Input.update("b"), Output.unknown()));
    assertThrows(IllegalArgumentException.class,
        () -> Operation.of("c1", "x", 5, Operation.NEVER, Input.get(), Output.notFound()));
  }

  @Test
  void answersNoServerGivesAreMistakesOfTheTest() {
    assertThrows(IllegalArgumentException.class, () -> HistoryText.line("c x 0..1 get -> conflict"));
    assertThrows(IllegalArgumentException.class, () -> HistoryText.line("c x 0..1 create a -> notfound"));
    assertThrows(IllegalArgumentException.class, () -> HistoryText.line("c x 0..1 delete -> ok 3"));
    assertThrows(IllegalArgumentException.class, () -> HistoryText.line("c x 0..1 update a -> exists"));
    assertThrows(IllegalArgumentException.class, () -> HistoryText.line("c x 5..1 get -> notfound"));
  }

  @Test
  void wordsWithSpacesAreRefusedWhereTheyAreMade() {
    assertThrows(IllegalArgumentException.class, () -> Input.create("two words"));
    assertThrows(IllegalArgumentException.class, () -> Output.found("a", ""));
    assertThrows(IllegalArgumentException.class, () -> Operation.of("c 1", "x", 0, 1, Input.get(), Output.notFound()));
  }
}
