package io.logplane.node.internal.machine;

import java.util.Map;

/**
 * A cgroup's usage from its files, cgroup v1 or v2 as the machine mounts them. v1: cpu from
 * {@code cpuacct.usage} (nanoseconds) in the {@code cpuacct} hierarchy (mounted alone or as
 * {@code cpu,cpuacct}), memory from {@code memory.usage_in_bytes} less {@code total_inactive_file}
 * of {@code memory.stat}. v2 (when {@code /sys/fs/cgroup/cgroup.controllers} is there):
 * {@code usage_usec} of {@code cpu.stat}, {@code memory.current} less {@code inactive_file}.
 */
public final class CgroupUsage {
  private static final String ROOT = "/sys/fs/cgroup";

  private final HostFiles host;

  public CgroupUsage(HostFiles host) {
    this.host = host;
  }

  /** Whether the machine mounts cgroup v2 alone ({@code /sys/fs/cgroup} is its root). */
  public boolean unified() {
    return host.exists(ROOT + "/cgroup.controllers");
  }

  /** Whether the cgroup's accounting files are there (a container that is gone has none). */
  public boolean exists(Cgroup cgroup) {
    return unified() ? host.exists(dir("", cgroup.cpu()) + "/cpu.stat")
        : host.exists(dir(cpuacct(), cgroup.cpu()) + "/cpuacct.usage")
            && host.exists(dir(ROOT + "/memory", cgroup.memory()) + "/memory.usage_in_bytes");
  }

  /** The cgroup's cpu time and working set now. */
  public CpuMemory read(Cgroup cgroup) {
    if (unified()) {
      String dir = dir("", cgroup.cpu());
      Map<String, Long> cpu = KeyValues.parse(host.read(dir + "/cpu.stat"));
      Map<String, Long> stat = KeyValues.parse(host.read(dir + "/memory.stat"));
      long usage = Long.parseLong(host.read(dir + "/memory.current").trim());
      return new CpuMemory(KeyValues.get(cpu, "usage_usec", dir + "/cpu.stat") * 1000,
          CpuMemory.workingSet(usage, stat.getOrDefault("inactive_file", 0L)));
    }
    long cpu = Long.parseLong(host.read(dir(cpuacct(), cgroup.cpu()) + "/cpuacct.usage").trim());
    String memory = dir(ROOT + "/memory", cgroup.memory());
    long usage = Long.parseLong(host.read(memory + "/memory.usage_in_bytes").trim());
    Map<String, Long> stat = KeyValues.parse(host.read(memory + "/memory.stat"));
    return new CpuMemory(cpu, CpuMemory.workingSet(usage, stat.getOrDefault("total_inactive_file", 0L)));
  }

  private String cpuacct() {
    return host.exists(ROOT + "/cpuacct") ? ROOT + "/cpuacct" : ROOT + "/cpu,cpuacct";
  }

  private static String dir(String hierarchy, String path) {
    String base = hierarchy.isEmpty() ? ROOT : hierarchy;
    return path.equals("/") ? base : base + (path.startsWith("/") ? path : "/" + path);
  }
}
