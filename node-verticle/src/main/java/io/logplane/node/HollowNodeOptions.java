package io.logplane.node;

import java.util.List;

/**
 * The hollow nodes of one process: how many, their names ({@code prefix-0} to
 * {@code prefix-(count-1)}), what each offers (capacity, and the same allocatable), the zones
 * they are spread over round-robin, and how many API requests all of them have in flight at
 * most.
 */
public record HollowNodeOptions(int count, String namePrefix, String cpu, String memory,
    String pods, List<String> zones, int maxInFlight) {

  public HollowNodeOptions {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, was " + count);
    }
    if (zones.isEmpty()) {
      throw new IllegalArgumentException("at least one zone is needed");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be positive, was " + maxInFlight);
    }
  }

  /** {@code count} nodes named {@code hollow-node-N}: 4 CPUs, 16Gi, 110 pods, 3 zones. */
  public static HollowNodeOptions of(int count) {
    return new HollowNodeOptions(count, "hollow-node", "4", "16Gi", "110",
        List.of("zone-a", "zone-b", "zone-c"), 64);
  }

  public HollowNodeOptions withNamePrefix(String prefix) {
    return new HollowNodeOptions(count, prefix, cpu, memory, pods, zones, maxInFlight);
  }

  public HollowNodeOptions withCapacity(String cpu, String memory, String pods) {
    return new HollowNodeOptions(count, namePrefix, cpu, memory, pods, zones, maxInFlight);
  }
}
