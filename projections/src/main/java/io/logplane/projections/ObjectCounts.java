package io.logplane.projections;

import io.logplane.projections.internal.Allocations;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored objects counted per resource, named as kube's {@code apiserver_storage_objects}
 * names them ({@code pods}, {@code deployments.apps}): one pass over the store's keys, which
 * reads no object. The state's internal entries (allocations, indexes) are not objects.
 */
public final class ObjectCounts {

  private ObjectCounts() {}

  /** The count per qualified resource, in name order, at one applied offset. */
  public static Map<String, Long> perResource(Store store) {
    Map<String, long[]> byPrefix = new HashMap<>();
    try (Store.Snapshot snap = store.snapshot()) {
      snap.scanKeys("", key -> {
        if (!key.startsWith(Allocations.PREFIX)) {
          int end = key.indexOf('/', key.indexOf('/') + 1);
          byPrefix.computeIfAbsent(key.substring(0, end), p -> new long[1])[0]++;
        }
        return true;
      });
    }
    Map<String, Long> counts = new TreeMap<>();
    byPrefix.forEach((prefix, n) -> counts.merge(Key.parse(prefix + "//").qualifiedResource(), n[0], Long::sum));
    return counts;
  }
}
