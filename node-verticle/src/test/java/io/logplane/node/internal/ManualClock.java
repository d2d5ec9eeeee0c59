package io.logplane.node.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand, for code that reads the time through a {@link Clock}. */
public final class ManualClock extends Clock {
  private Instant now;

  public ManualClock(Instant start) {
    this.now = start;
  }

  /** Moves the time on by {@code d}. */
  public void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
