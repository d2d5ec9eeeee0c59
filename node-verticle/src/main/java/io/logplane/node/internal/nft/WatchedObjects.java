package io.logplane.node.internal.nft;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.kubeclient.ListWatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The objects of one kind as a list and watch deliver them, by namespace and name, and whether
 * they were listed once; each list and change runs the owner's {@code changed} (which asks its
 * table for a sync). Thread-safe: watches call in on their own threads.
 */
public final class WatchedObjects implements ListWatch.Listener {
  private final Map<String, JsonNode> objects = new ConcurrentHashMap<>();
  private final Runnable changed;
  private volatile boolean listed;

  public WatchedObjects(Runnable changed) {
    this.changed = changed;
  }

  /** Every object, as a list found them. */
  @Override
  public void listed(List<JsonNode> items) {
    Map<String, JsonNode> fresh = new HashMap<>();
    items.forEach(i -> fresh.put(key(i), i));
    objects.keySet().retainAll(fresh.keySet());
    objects.putAll(fresh);
    listed = true;
    changed.run();
  }

  /** A watch event: {@code ADDED}, {@code MODIFIED} or {@code DELETED}. */
  @Override
  public void changed(String type, JsonNode object) {
    if ("DELETED".equals(type)) {
      objects.remove(key(object));
    } else {
      objects.put(key(object), object);
    }
    changed.run();
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
