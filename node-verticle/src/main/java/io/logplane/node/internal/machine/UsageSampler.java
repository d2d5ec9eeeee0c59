package io.logplane.node.internal.machine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns readings of a cumulative cpu counter into a rate: keeps the last two samples and answers
 * the cpu used between them per second of time (nanocores) and the memory of the last one.
 * Time is a parameter. A counter that went back (the container was made anew) or samples at the
 * same instant give no rate until the next sample.
 */
public final class UsageSampler {

  /** Cpu in nanocores (10^-9 cpu) over {@code window}, and memory working set in bytes. */
  public record Rate(long nanoCores, long memoryBytes, Instant at, Duration window) {}

  private Instant previousAt;
  private CpuMemory previous;
  private Instant lastAt;
  private CpuMemory last;

  /** Keeps {@code reading} taken at {@code at}; readings must come in time order. */
  public void sample(Instant at, CpuMemory reading) {
    if (lastAt != null && at.isBefore(lastAt)) {
      throw new IllegalArgumentException("a sample at " + at + " came after one at " + lastAt);
    }
    previousAt = lastAt;
    previous = last;
    lastAt = at;
    last = reading;
  }

  /** The rate between the last two samples, if there are two that make one. */
  public Optional<Rate> rate() {
    if (previous == null) {
      return Optional.empty();
    }
    long nanos = Duration.between(previousAt, lastAt).toNanos();
    long used = last.cpuNanos() - previous.cpuNanos();
    if (nanos <= 0 || used < 0) {
      return Optional.empty();
    }
    long nanoCores = Math.round((double) used * 1_000_000_000d / nanos);
    return Optional.of(new Rate(nanoCores, last.workingSetBytes(), lastAt,
        Duration.between(previousAt, lastAt)));
  }
}
