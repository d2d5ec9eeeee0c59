package io.logplane.launcher.replay;

import java.time.Instant;
import java.util.function.LongUnaryOperator;

/**
 * Turns a {@link Target} into the offset of the last record to apply, for a log holding the
 * offsets {@code [start, end)}. A time is found by binary search over the records' request
 * times, which the log keeps in (nearly) increasing order: the answer is the record before the
 * first one made after the time.
 */
public final class TargetResolver {

  private TargetResolver() {}

  /**
   * @param timeAt the request time (epoch milliseconds) of the record at an offset; called
   *               about log2(end - start) times
   * @throws ReplayException when the target is outside the log
   */
  public static long resolve(Target target, long start, long end, LongUnaryOperator timeAt) {
    if (end <= start) {
      throw new ReplayException("the log is empty");
    }
    if (target instanceof Target.Offset o) {
      if (o.offset() < start || o.offset() >= end) {
        throw new ReplayException("resourceVersion " + o.offset() + " is not in the log, which holds "
            + start + " to " + (end - 1));
      }
      return o.offset();
    }
    Instant time = ((Target.Time) target).time();
    long t = time.toEpochMilli();
    long lo = start;
    long hi = end; // the first offset whose record is later than t lies in [lo, hi]
    while (lo < hi) {
      long mid = lo + (hi - lo) / 2;
      if (timeAt.applyAsLong(mid) <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo == start) {
      throw new ReplayException("no record at or before " + time + ": the log starts at "
          + Instant.ofEpochMilli(timeAt.applyAsLong(start)));
    }
    return lo - 1;
  }
}
