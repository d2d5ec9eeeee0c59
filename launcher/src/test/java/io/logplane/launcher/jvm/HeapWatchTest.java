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
}
