package io.logplane.node.internal.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.logplane.node.internal.real.Attempt.State;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A run's state and times as the runtime reports them, sync after sync. */
class AttemptTest {
  private static final Instant START = Instant.parse("2026-12-03T08:00:00.500Z");

  @Test
  void aRunEndsAtTheTimeTheRuntimeGivesAndThenNeverChanges() {
    Attempt ended = Attempt.created("c", 2, "u.c.2").started(START)
        .seen(State.EXITED, 1, false, START.plusSeconds(7));
    assertEquals(START, ended.startedAt());
    assertEquals(START.plusSeconds(7), ended.finishedAt());
    assertEquals(2, ended.number());
    assertEquals(ended, ended.seen(State.EXITED, 0, true, START.plusSeconds(60)));
  }

  @Test
  void aRunThatEndedBeforeItsStartWasWrittenEndsAtItsStart() {
    Attempt ended = Attempt.created("c", 0, "u.c.0").started(START)
        .seen(State.EXITED, 0, false, START.minusMillis(3));
    assertEquals(START, ended.finishedAt());
  }

  @Test
  void aRunFoundRunningKeepsTheStartItWasFoundWith() {
    Attempt found = new Attempt("c", 4, "u.c.4", State.UNKNOWN, 0, false, START, null)
        .seen(State.RUNNING, 0, false, START.plusSeconds(99));
    assertEquals(State.RUNNING, found.state());
    assertEquals(START, found.startedAt());
    assertNull(found.finishedAt());
  }
}
