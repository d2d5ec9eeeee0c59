package io.logplane.node.internal.machine;

import java.util.EnumMap;
import java.util.Map;

/**
 * What the eviction manager observes for each signal: the amount available and the capacity it
 * is a share of, as the kubelet's {@code makeSignalObservations} makes them. Memory available is
 * {@code MemTotal} less the node's working set; the image file system is the node file system
 * when the images live on it (they do: under the node's data directory); pids available are
 * {@code pid_max} less the tasks the kernel runs.
 */
final class Observations {

  /** Available amount and the capacity it belongs to. */
  record Observed(long available, long capacity) {}

  private final Map<Thresholds.Signal, Observed> bySignal = new EnumMap<>(Thresholds.Signal.class);

  Observations(MemInfo mem, FsStats nodeFs, FsStats imageFs, long pidMax, long tasks) {
    bySignal.put(Thresholds.Signal.MEMORY_AVAILABLE,
        new Observed(Math.max(0, mem.total() - mem.workingSet()), mem.total()));
    bySignal.put(Thresholds.Signal.NODEFS_AVAILABLE, new Observed(nodeFs.available(), nodeFs.capacity()));
    bySignal.put(Thresholds.Signal.NODEFS_INODES_FREE, new Observed(nodeFs.inodesFree(), nodeFs.inodes()));
    bySignal.put(Thresholds.Signal.IMAGEFS_AVAILABLE, new Observed(imageFs.available(), imageFs.capacity()));
    bySignal.put(Thresholds.Signal.IMAGEFS_INODES_FREE, new Observed(imageFs.inodesFree(), imageFs.inodes()));
    bySignal.put(Thresholds.Signal.PID_AVAILABLE, new Observed(Math.max(0, pidMax - tasks), pidMax));
  }

  Observed of(Thresholds.Signal signal) {
    return bySignal.get(signal);
  }

  /** The number of tasks from {@code /proc/loadavg}'s fourth field ({@code running/total}). */
  static long tasks(String loadavg) {
    String[] f = loadavg.trim().split("\\s+");
    if (f.length < 4 || !f[3].contains("/")) {
      throw new IllegalStateException("/proc/loadavg reads '" + loadavg.trim() + "'");
    }
    return Long.parseLong(f[3].substring(f[3].indexOf('/') + 1));
  }
}
