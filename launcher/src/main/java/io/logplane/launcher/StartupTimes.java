package io.logplane.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * Where a server's start-up time went: named steps in order, each timed from the end of the one
 * before, for the log file (the console shows the total only).
 */
public final class StartupTimes {

  private record Step(String name, long millis) {}

  private final List<Step> steps = new ArrayList<>();
  private long last = System.nanoTime();

  /** A step that ended now, begun when the one before it ended (or this object was made). */
  public void done(String step) {
    long now = System.nanoTime();
    steps.add(new Step(step, TimeUnit.NANOSECONDS.toMillis(now - last)));
    last = now;
  }

  /** A step timed elsewhere (before this JVM's code ran); the next step begins now. */
  public void add(String step, long millis) {
    steps.add(new Step(step, millis));
    last = System.nanoTime();
  }

  /** {@code "a 12 ms, b 340 ms"}, in the order the steps ended. */
  @Override
  public String toString() {
    StringJoiner out = new StringJoiner(", ");
    steps.forEach(s -> out.add(s.name() + " " + s.millis() + " ms"));
    return out.toString();
  }

  /** What a start step made on a thread of its own; its failure as it was thrown. */
  static <T> T join(java.util.concurrent.CompletableFuture<T> step) {
    try {
      return step.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }
}
