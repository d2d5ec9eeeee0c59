package io.logplane.launcher.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class TargetTest {

  @Test
  void digitsAreAResourceVersion() {
    assertEquals(new Target.Offset(1234), Target.parse("1234"));
    assertEquals(new Target.Offset(0), Target.parse(" 0 "));
  }

  @Test
  void rfc3339TimesWithZoneOrOffsetAndFractions() {
    assertEquals(new Target.Time(Instant.parse("2024-05-01T12:00:00Z")), Target.parse("2024-05-01T12:00:00Z"));
    assertEquals(new Target.Time(Instant.parse("2024-05-01T10:00:00.250Z")),
        Target.parse("2024-05-01T12:00:00.25+02:00"));
    assertEquals(new Target.Time(Instant.parse("2024-05-01T12:00:00Z")), Target.parse("2024-05-01t12:00:00z"));
  }

  @Test
  void anythingElseIsRefusedWithTheExpectedForms() {
    for (String bad : new String[] {"", "yesterday", "2024-05-01", "2024-05-01T12:00:00", "-5", "99999999999999999999"}) {
      ReplayException e = assertThrows(ReplayException.class, () -> Target.parse(bad), bad);
      assertTrue(e.getMessage().contains("resourceVersion"), e.getMessage());
    }
  }

  /** Records at offsets 10..19 made at 1000, 1000, 1005, 1010, ... ms. */
  private static final LongUnaryOperator TIMES = o -> o == 10 ? 1000 : 1000 + (o - 11) * 5;

  private static long resolve(long millis) {
    return TargetResolver.resolve(new Target.Time(Instant.ofEpochMilli(millis)), 10, 20, TIMES);
  }

  @Test
  void aTimeResolvesToTheLastRecordAtOrBeforeIt() {
    assertEquals(11, resolve(1000));
    assertEquals(11, resolve(1004));
    assertEquals(12, resolve(1005));
    assertEquals(19, resolve(1040));
    assertEquals(19, resolve(999_999));
  }

  @Test
  void binarySearchAsksForFewRecords() {
    AtomicInteger asked = new AtomicInteger();
    long rv = TargetResolver.resolve(new Target.Time(Instant.ofEpochMilli(600_000)), 0, 1_000_000, o -> {
      asked.incrementAndGet();
      return o;
    });
    assertEquals(600_000, rv);
    assertTrue(asked.get() <= 21, "asked " + asked.get());
  }

  @Test
  void targetsOutsideTheLogAreRefused() {
    assertThrows(ReplayException.class, () -> resolve(999));
    assertThrows(ReplayException.class, () -> TargetResolver.resolve(new Target.Offset(20), 10, 20, TIMES));
    assertThrows(ReplayException.class, () -> TargetResolver.resolve(new Target.Offset(9), 10, 20, TIMES));
    assertThrows(ReplayException.class, () -> TargetResolver.resolve(new Target.Offset(0), 0, 0, TIMES));
    assertEquals(15, TargetResolver.resolve(new Target.Offset(15), 10, 20, TIMES));
  }
}
