package io.logplane.node.internal.machine;

import java.util.List;

/**
 * Hard eviction thresholds: a signal is met when what is available falls below a quantity or a
 * share of the capacity. {@link #DEFAULTS} are the kubelet's on Linux ({@code memory.available<100Mi},
 * {@code nodefs.available<10%}, {@code nodefs.inodesFree<5%}, {@code imagefs.available<15%});
 * none watches {@code pid.available}, so with them a node reports no PID pressure.
 */
record Thresholds(List<Threshold> all) {

  /** The kubelet's eviction signals, with their names. */
  enum Signal {
    MEMORY_AVAILABLE("memory.available"),
    NODEFS_AVAILABLE("nodefs.available"),
    NODEFS_INODES_FREE("nodefs.inodesFree"),
    IMAGEFS_AVAILABLE("imagefs.available"),
    IMAGEFS_INODES_FREE("imagefs.inodesFree"),
    PID_AVAILABLE("pid.available");

    final String text;

    Signal(String text) {
      this.text = text;
    }
  }

  /**
   * Met when the available amount is below {@code quantity}, or, when {@code percentage} is above
   * zero, below that share of the capacity (kube keeps the share as a float32).
   */
  record Threshold(Signal signal, long quantity, float percentage) {

    static Threshold below(Signal s, long quantity) {
      return new Threshold(s, quantity, 0);
    }

    static Threshold belowShare(Signal s, float percentage) {
      return new Threshold(s, 0, percentage);
    }

    /** kube's {@code GetThresholdQuantity}: {@code int64(float64(capacity) * float64(pct))}. */
    long amount(long capacity) {
      return percentage > 0 ? (long) ((double) capacity * (double) percentage) : quantity;
    }
  }

  static final Thresholds DEFAULTS = new Thresholds(List.of(
      Threshold.below(Signal.MEMORY_AVAILABLE, 100L << 20),
      Threshold.belowShare(Signal.NODEFS_AVAILABLE, 0.10f),
      Threshold.belowShare(Signal.NODEFS_INODES_FREE, 0.05f),
      Threshold.belowShare(Signal.IMAGEFS_AVAILABLE, 0.15f)));

  /** What allocatable keeps back for {@code signal} of a resource of {@code capacity}; 0 when none. */
  long reservation(Signal signal, long capacity) {
    return all.stream().filter(t -> t.signal() == signal).mapToLong(t -> t.amount(capacity)).sum();
  }
}
