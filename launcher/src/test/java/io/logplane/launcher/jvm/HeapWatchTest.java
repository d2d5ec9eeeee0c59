package io.logplane.launcher.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeapWatchTest {

  @Test
  void theWarningSaysHowFullTheHeapIsAndHowToRaiseIt() {
    assertEquals("the heap still holds 500 MiB of its 640 MiB after a collection: for a cluster this size,"
        + " restart with a larger heap, e.g. LOGPLANE_JAVA_OPTS=\"-Xmx1280m -XX:+UseG1GC -XX:MaxGCPauseMillis=20\"",
        HeapWatch.message(500L << 20, 640L << 20));
  }

  @Test
  void aHeapCollectedManyTimesASecondWarnsOnceInFiveMinutes() {
    HeapWatch.Gate gate = new HeapWatch.Gate(HeapWatch.QUIET_NANOS);
    long minute = 60_000_000_000L;
    assertTrue(gate.open(-3 * minute), "the first warning, whatever the clock reads");
    assertFalse(gate.open(-3 * minute + 1));
    assertFalse(gate.open(minute));
    assertTrue(gate.open(2 * minute + 1));
    assertFalse(gate.open(3 * minute));
  }

  /** One full reading is what the next marking may find dead: only a heap that stays full warns. */
  @Test
  void onlyAHeapFullAtEveryCollectionForHalfAMinuteWarns() {
    HeapWatch.Sustained full = new HeapWatch.Sustained(HeapWatch.SUSTAINED_NANOS);
    long second = 1_000_000_000L;
    assertFalse(full.update(-100 * second, true), "one reading, whatever the clock reads");
    assertFalse(full.update(-80 * second, true));
    assertFalse(full.update(-75 * second, false), "a mixed collection freed it");
    assertFalse(full.update(-60 * second, true));
    assertFalse(full.update(-31 * second, true));
    assertTrue(full.update(-30 * second, true), "full at every collection for 30 s");
    assertTrue(full.update(0, true));
    assertFalse(full.update(1, false));
  }
}
