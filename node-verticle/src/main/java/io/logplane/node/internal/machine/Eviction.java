package io.logplane.node.internal.machine;

import io.logplane.node.internal.agent.NodeFacts;
import io.logplane.node.internal.agent.NodeFacts.Condition;
import java.util.List;
import java.util.Set;

/**
 * The pressure conditions the kubelet's eviction manager sets from its thresholds: a threshold
 * is met when the signal's available amount is below its amount; memory pressure comes of
 * {@code memory.available}, disk pressure of any node or image file system signal, PID pressure
 * of {@code pid.available}. The reasons and messages are the kubelet's. (The kubelet also keeps
 * a condition for a five-minute transition period after its threshold stops being met; this
 * reports what the machine shows now.)
 */
final class Eviction {
  private static final Set<Thresholds.Signal> DISK = Set.of(Thresholds.Signal.NODEFS_AVAILABLE,
      Thresholds.Signal.NODEFS_INODES_FREE, Thresholds.Signal.IMAGEFS_AVAILABLE,
      Thresholds.Signal.IMAGEFS_INODES_FREE);

  private Eviction() {}

  /** MemoryPressure, DiskPressure, PIDPressure, in the kubelet's order. */
  static List<Condition> conditions(Thresholds thresholds, Observations seen) {
    boolean memory = met(thresholds, seen, Set.of(Thresholds.Signal.MEMORY_AVAILABLE));
    boolean disk = met(thresholds, seen, DISK);
    boolean pid = met(thresholds, seen, Set.of(Thresholds.Signal.PID_AVAILABLE));
    return List.of(
        memory ? new Condition("MemoryPressure", "True", "KubeletHasInsufficientMemory",
            "kubelet has insufficient memory available")
            : NodeFacts.SUFFICIENT_MEMORY,
        disk ? new Condition("DiskPressure", "True", "KubeletHasDiskPressure",
            "kubelet has disk pressure")
            : NodeFacts.NO_DISK_PRESSURE,
        pid ? new Condition("PIDPressure", "True", "KubeletHasInsufficientPID",
            "kubelet has insufficient PID available")
            : NodeFacts.SUFFICIENT_PID);
  }

  private static boolean met(Thresholds thresholds, Observations seen, Set<Thresholds.Signal> signals) {
    return thresholds.all().stream().filter(t -> signals.contains(t.signal())).anyMatch(t -> {
      Observations.Observed o = seen.of(t.signal());
      return o.available() < t.amount(o.capacity());
    });
  }
}
