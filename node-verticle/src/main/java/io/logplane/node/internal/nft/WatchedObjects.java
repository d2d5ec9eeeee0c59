package io.logplane.node.internal.nft;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.kubeclient.ListWatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The objects of one kind as a list and watch deliver them, by namespace and name, and whether
 * they were listed once; each list, and each change of what is kept, runs the owner's
 * {@code changed} (which asks its table for a sync). Thread-safe: watches call in on their own
 * threads.
 *
 * <p>An owner that needs a few fields of each object keeps only those: a node's network
 * policies read every pod of the cluster, and a cluster of 10,000 pods, most of them of other
 * nodes or still without an address, is then neither held whole nor a sync at each change.
 */
public final class WatchedObjects implements ListWatch.Listener {
  private final Map<String, JsonNode> objects = new ConcurrentHashMap<>();
  private final Runnable changed;
  private final UnaryOperator<JsonNode> kept;
  private volatile boolean listed;

  /** Keeps every object whole. */
  public WatchedObjects(Runnable changed) {
    this(changed, UnaryOperator.identity());
  }

  /**
   * Keeps what {@code kept} makes of each object: the fields its owner reads, or null when the
   * object does not matter to it (as if it did not exist).
   */
  public WatchedObjects(Runnable changed, UnaryOperator<JsonNode> kept) {
    this.changed = changed;
    this.kept = kept;
  }

  /** Every object, as a list found them. */
  @Override
  public void listed(List<JsonNode> items) {
    Map<String, JsonNode> fresh = new HashMap<>();
    for (JsonNode item : items) {
      JsonNode k = kept.apply(item);
      if (k != null) {
        fresh.put(key(item), k);
      }
    }
    objects.keySet().retainAll(fresh.keySet());
    objects.putAll(fresh);
    listed = true;
    changed.run();
  }

  /** A watch event: {@code ADDED}, {@code MODIFIED} or {@code DELETED}. */
  @Override
  public void changed(String type, JsonNode object) {
    JsonNode k = "DELETED".equals(type) ? null : kept.apply(object);
    JsonNode before = k == null ? objects.remove(key(object)) : objects.put(key(object), k);
    if (!Objects.equals(before, k)) {
      changed.run();
    }
  }

  public boolean isListed() {
    return listed;
  }

  /** A copy of the objects now. */
  public List<JsonNode> values() {
    return new ArrayList<>(objects.values());
  }

  private static String key(JsonNode o) {
    return o.path("metadata").path("namespace").asText() + "/" + o.path("metadata").path("name").asText();
  }
}
