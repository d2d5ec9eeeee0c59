package io.logplane.node.internal.machine;

/**
 * The node's own usage: cpu time from the {@code cpu} line of {@code /proc/stat} (user, nice,
 * system, irq, softirq and steal ticks; idle and iowait are not use, guest time is already in
 * user), and the working set of {@link MemInfo}.
 */
public final class NodeUsage {
  /** Nanoseconds per clock tick: USER_HZ is 100 on Linux whatever the kernel's HZ. */
  static final long NANOS_PER_TICK = 10_000_000;

  private final HostFiles host;

  public NodeUsage(HostFiles host) {
    this.host = host;
  }

  /** The node's cpu time and working set now. */
  public CpuMemory read() {
    return new CpuMemory(cpuNanos(host.read("/proc/stat")), MemInfo.read(host).workingSet());
  }

  static long cpuNanos(String procStat) {
    for (String line : procStat.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f[0].equals("cpu") && f.length >= 9) {
        long ticks = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system _ _ irq softirq steal
          ticks += Long.parseLong(f[i]);
        }
        return ticks * NANOS_PER_TICK;
      }
    }
    throw new IllegalStateException("/proc/stat has no cpu line");
  }
}
