package io.logplane.controllers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A wall clock (UTC) that moves only when a test moves it, for the timestamps and delays of controllers. */
public final class TestClock extends Clock {

  private volatile Instant now;

  public TestClock(Instant start) {
    this.now = start;
  }

  public TestClock(String start) {
    this(Instant.parse(start));
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  public void set(String at) {
    now = Instant.parse(at);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
