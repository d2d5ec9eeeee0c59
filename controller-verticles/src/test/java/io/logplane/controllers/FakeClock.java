package io.logplane.controllers;

import java.time.Duration;
import java.util.function.LongSupplier;

/** A nanosecond clock that moves only when a test moves it. */
final class FakeClock implements LongSupplier {

  private long now;

  @Override
  public synchronized long getAsLong() {
    return now;
  }

  synchronized void advance(Duration d) {
    now += d.toNanos();
  }
}
