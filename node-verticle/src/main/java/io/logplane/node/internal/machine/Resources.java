package io.logplane.node.internal.machine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A node's capacity and allocatable as the kubelet reports them: cpu is the online cpus, memory
 * {@code MemTotal}, ephemeral-storage the size of the file system of the node's data, pods 110,
 * and each huge page size its pages' bytes. Allocatable takes away the hard eviction thresholds
 * (kubelet's {@code hardEvictionReservation}: {@code memory.available} from memory,
 * {@code nodefs.available} from ephemeral-storage; no system or kube reservation) and the huge
 * pages from memory, never going below zero.
 *
 * @param hugePages page size name ({@code 2Mi}, {@code 1Gi}) to the bytes they hold
 */
record Resources(int cpus, long memory, long storage, Map<String, Long> hugePages) {

  static final int MAX_PODS = 110;

  /** Resource name to quantity, in the kubelet's form. */
  Map<String, String> capacity() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("cpu", Integer.toString(cpus));
    out.put("ephemeral-storage", Bytes.quantity(storage));
    hugePages.forEach((size, bytes) -> out.put("hugepages-" + size, Bytes.quantity(bytes)));
    out.put("memory", Bytes.quantity(memory));
    out.put("pods", Integer.toString(MAX_PODS));
    return out;
  }

  /** Capacity less what {@code thresholds} keep back for eviction and less the huge pages. */
  Map<String, String> allocatable(Thresholds thresholds) {
    Map<String, String> out = capacity();
    long hugeTotal = hugePages.values().stream().mapToLong(Long::longValue).sum();
    long mem = memory - thresholds.reservation(Thresholds.Signal.MEMORY_AVAILABLE, memory);
    out.put("memory", Bytes.quantity(Math.max(0, Math.max(0, mem) - hugeTotal)));
    long fs = storage - thresholds.reservation(Thresholds.Signal.NODEFS_AVAILABLE, storage);
    out.put("ephemeral-storage", Bytes.quantity(Math.max(0, fs)));
    return out;
  }
}
