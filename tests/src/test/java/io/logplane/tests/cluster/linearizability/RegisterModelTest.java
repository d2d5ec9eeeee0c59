package io.logplane.tests.cluster.linearizability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.logplane.tests.cluster.linearizability.RegisterModel.State;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The register one object is, step by step: which answers each state allows and what follows. */
class RegisterModelTest {

  private static final State A1 = State.present("a", "1");

  /** A model for histories whose answered writes created resourceVersions 1, 2 and 3. */
  private static final RegisterModel MODEL = new RegisterModel(Set.of("1", "2", "3"));

  private static State step(State s, String line) {
    return MODEL.step(s, HistoryText.line(line));
  }

  private static String why(State s, String line) {
    return MODEL.why(s, HistoryText.line(line));
  }

  @Test
  void aCreateSucceedsOnlyOnAnAbsentObjectAndTakesTheAnsweredRv() {
    assertEquals(A1, step(State.ABSENT, "c x 0..1 create a -> ok 1"));
    assertEquals(RegisterModel.EXISTS, why(A1, "c x 0..1 create b -> ok 2"));
    assertEquals(A1, step(A1, "c x 0..1 create b -> exists"));
    assertEquals(RegisterModel.MISSING, why(State.ABSENT, "c x 0..1 create b -> exists"));
  }

  @Test
  void aGetMustShowTheValueAndTheRv() {
    assertEquals(A1, step(A1, "c x 0..1 get -> found a 1"));
    assertEquals(RegisterModel.OTHER_VALUE, why(A1, "c x 0..1 get -> found b 1"));
    assertEquals(RegisterModel.OTHER_RV, why(A1, "c x 0..1 get -> found a 2"));
    assertEquals(RegisterModel.EXISTS, why(A1, "c x 0..1 get -> notfound"));
    assertEquals(RegisterModel.MISSING, why(State.ABSENT, "c x 0..1 get -> found a 1"));
    assertEquals(State.ABSENT, step(State.ABSENT, "c x 0..1 get -> notfound"));
  }

  @Test
  void aConditionalUpdateSucceedsOnlyAtTheExpectedRv() {
    assertEquals(State.present("b", "2"), step(A1, "c x 0..1 update b if 1 -> ok 2"));
    assertEquals(RegisterModel.OTHER_RV, why(A1, "c x 0..1 update b if 7 -> ok 8"));
    assertEquals(A1, step(A1, "c x 0..1 update b if 7 -> conflict"));
    assertEquals(RegisterModel.SAME_RV, why(A1, "c x 0..1 update b if 1 -> conflict"));
    assertEquals(State.ABSENT, step(State.ABSENT, "c x 0..1 update b if 1 -> notfound"));
    assertEquals(RegisterModel.EXISTS, why(A1, "c x 0..1 update b if 1 -> notfound"));
    assertEquals(RegisterModel.MISSING, why(State.ABSENT, "c x 0..1 update b if 1 -> ok 2"));
  }

  @Test
  void anUnconditionalUpdateCannotConflict() {
    assertEquals(State.present("b", "2"), step(A1, "c x 0..1 update b -> ok 2"));
    assertEquals(RegisterModel.UNCONDITIONAL, why(A1, "c x 0..1 update b -> conflict"));
    assertEquals(RegisterModel.UNCONDITIONAL, why(A1, "c x 0..1 delete -> conflict"));
  }

  @Test
  void aDeleteEmptiesTheRegisterUnlessItsPreconditionFails() {
    assertEquals(State.ABSENT, step(A1, "c x 0..1 delete -> ok"));
    assertEquals(State.ABSENT, step(A1, "c x 0..1 delete if 1 -> ok"));
    assertEquals(RegisterModel.OTHER_RV, why(A1, "c x 0..1 delete if 2 -> ok"));
    assertEquals(A1, step(A1, "c x 0..1 delete if 2 -> conflict"));
    assertEquals(State.ABSENT, step(State.ABSENT, "c x 0..1 delete -> notfound"));
    assertEquals(RegisterModel.MISSING, why(State.ABSENT, "c x 0..1 delete -> ok"));
  }

  @Test
  void anUnknownWriteAppliesOnlyAsASuccessAndLeavesTheRvUnknown() {
    State unknownRv = State.present("b", null);
    assertEquals(unknownRv, step(A1, "c x 0..? update b if 1 -> ?"));
    assertEquals(unknownRv, step(A1, "c x 0..? update b -> ?"));
    assertEquals(RegisterModel.OTHER_RV, why(A1, "c x 0..? update b if 9 -> ?"));
    assertEquals(State.present("a", null), step(State.ABSENT, "c x 0..? create a -> ?"));
    assertEquals(RegisterModel.EXISTS, why(A1, "c x 0..? create a -> ?"));
    assertEquals(State.ABSENT, step(A1, "c x 0..? delete -> ?"));
    assertEquals(RegisterModel.MISSING, why(State.ABSENT, "c x 0..? delete -> ?"));
  }

  @Test
  void aGetFixesAnUnknownRvAndPreconditionsOnItMayHoldOrNot() {
    State unknownRv = State.present("b", null);
    assertEquals(State.present("b", "42"), step(unknownRv, "c x 0..1 get -> found b 42"));
    assertEquals(RegisterModel.OTHER_VALUE, why(unknownRv, "c x 0..1 get -> found a 42"));
    assertEquals(State.present("c", "43"), step(unknownRv, "c x 0..1 update c if 42 -> ok 43"));
    assertEquals(unknownRv, step(unknownRv, "c x 0..1 update c if 42 -> conflict"));
    assertEquals(State.ABSENT, step(unknownRv, "c x 0..1 delete if 42 -> ok"));
  }

  @Test
  void anUnknownRvIsNoneThatAnAnsweredWriteCreated() {
    State unknownRv = State.present("b", null);
    assertEquals(RegisterModel.FRESH_RV, why(unknownRv, "c x 0..1 get -> found b 2"));
    assertEquals(RegisterModel.FRESH_RV, why(unknownRv, "c x 0..1 update c if 2 -> ok 43"));
    assertEquals(RegisterModel.FRESH_RV, why(unknownRv, "c x 0..? delete if 1 -> ?"));
    assertEquals(unknownRv, step(unknownRv, "c x 0..1 update c if 2 -> conflict"));
  }

  @Test
  void anUpdateOfAValueWrittenTwiceMayHaveKeptTheOldRv() {
    RegisterModel model = RegisterModel.of(HistoryText.parse("""
        c1 x 0..1 create a -> ok 1
        c1 x 2..3 update b -> ok 2
        c2 x 2..3 update b -> ok 2
        c2 x 4..5 update c if 2 -> ok 3
        """));
    State unknownRv = State.present("q", null);
    assertEquals(State.present("q", "2"), model.step(unknownRv, HistoryText.line("c x 0..1 get -> found q 2")));
    assertEquals(RegisterModel.FRESH_RV, model.why(unknownRv, HistoryText.line("c x 0..1 get -> found q 3")));
    assertEquals(RegisterModel.FRESH_RV, model.why(unknownRv, HistoryText.line("c x 0..1 get -> found q 1")));
  }

  @Test
  void whyIsNullExactlyWhenTheStepIsAllowed() {
    assertNull(why(A1, "c x 0..1 get -> found a 1"));
    assertNull(MODEL.step(A1, HistoryText.line("c x 0..1 get -> found a 2")));
  }
}
