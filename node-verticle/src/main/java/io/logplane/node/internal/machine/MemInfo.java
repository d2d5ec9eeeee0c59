package io.logplane.node.internal.machine;

import java.util.Map;

/**
 * The figures of {@code /proc/meminfo} the node reports, in bytes.
 *
 * @param inactiveFile {@code Inactive(file)}: page cache the kernel reclaims first
 */
record MemInfo(long total, long free, long inactiveFile) {

  static MemInfo parse(String text) {
    Map<String, Long> v = KeyValues.parse(text);
    return new MemInfo(KeyValues.get(v, "MemTotal", "/proc/meminfo"),
        KeyValues.get(v, "MemFree", "/proc/meminfo"),
        KeyValues.get(v, "Inactive(file)", "/proc/meminfo"));
  }

  static MemInfo read(HostFiles host) {
    return parse(host.read("/proc/meminfo"));
  }

  /**
   * The node's working set: what is in use ({@code MemTotal - MemFree}) less the inactive page
   * cache, as runc's cgroup library computes it for the root cgroup from this file and cadvisor
   * then takes away {@code inactive_file}.
   */
  long workingSet() {
    return Math.max(0, total - free - inactiveFile);
  }
}
