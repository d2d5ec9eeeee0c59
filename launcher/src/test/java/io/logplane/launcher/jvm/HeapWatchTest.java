package io.logplane.launcher.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HeapWatchTest {

  @Test
  void theWarningSaysHowFullTheHeapIsAndHowToRaiseIt() {
    assertEquals("the heap still holds 500 MiB of its 640 MiB after a collection: for a cluster this size,"
        + " restart with a larger heap, e.g. LOGPLANE_JAVA_OPTS=\"-Xmx1280m -XX:+UseG1GC -XX:MaxGCPauseMillis=20\"",
        HeapWatch.message(500L << 20, 640L << 20));
  }
}
