package io.logplane.node.internal.machine;

import java.util.Optional;

/**
 * Where a process's or container's cpu and memory accounting sit: its cgroup path in the
 * {@code cpuacct} and {@code memory} hierarchies of cgroup v1, or its one path under v2. A
 * container under runc has the same path in all of them.
 */
public record Cgroup(String cpu, String memory) {

  /** A container's cgroup: {@code cgroupsPath} of its runtime spec. */
  public static Cgroup of(String path) {
    return new Cgroup(path, path);
  }

  /**
   * The cgroup of a process from {@code /proc/PID/cgroup} ({@code 4:memory:/a},
   * {@code 2:cpu,cpuacct:/a}, or v2's {@code 0::/a}); a v1 controller missing takes v2's path.
   */
  public static Optional<Cgroup> ofProcess(String procCgroup) {
    String cpu = null;
    String memory = null;
    String unified = null;
    for (String line : procCgroup.split("\n")) {
      String[] f = line.trim().split(":", 3);
      if (f.length != 3) {
        continue;
      }
      if (f[0].equals("0") && f[1].isEmpty()) {
        unified = f[2];
      }
      for (String controller : f[1].split(",")) {
        if (controller.equals("cpuacct")) {
          cpu = f[2];
        } else if (controller.equals("memory")) {
          memory = f[2];
        }
      }
    }
    cpu = cpu != null ? cpu : unified;
    memory = memory != null ? memory : unified;
    return cpu == null || memory == null ? Optional.empty() : Optional.of(new Cgroup(cpu, memory));
  }
}
