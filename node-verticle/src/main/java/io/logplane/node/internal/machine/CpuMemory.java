package io.logplane.node.internal.machine;

/**
 * One reading of a container's or the node's usage: the cpu time used since it started, and the
 * memory working set now (what is in use less the inactive page cache the kernel would reclaim
 * first; the figure the kubelet evicts on and metrics-server reports).
 *
 * @param cpuNanos         cumulative cpu time in nanoseconds
 * @param workingSetBytes  memory working set in bytes
 */
public record CpuMemory(long cpuNanos, long workingSetBytes) {

  /** usage less inactive file pages, not below zero, as cadvisor computes it. */
  static long workingSet(long usage, long inactiveFile) {
    return Math.max(0, usage - inactiveFile);
  }
}
