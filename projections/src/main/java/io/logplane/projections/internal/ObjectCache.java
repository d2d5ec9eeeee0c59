package io.logplane.projections.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest committed state of recently written keys, parsed, kept across batches so a
 * replay does not parse again what it has just written. Coherent only while its owner is the
 * store's one writer and puts every committed batch into it. Least recently used keys go first.
 */
public final class ObjectCache {

  private final Map<String, ObjectNode> map;
  private final int capacity;

  public ObjectCache(int capacity) {
    this.capacity = capacity;
    this.map = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, ObjectNode> eldest) {
        return size() > capacity;
      }
    };
  }

  /** How many keys it holds at most. */
  public int capacity() {
    return capacity;
  }

  /** The object, {@link Overlay#ABSENT} when the key is known not to exist, null when unknown. */
  ObjectNode get(String key) {
    return map.get(key);
  }

  /** Remembers the committed state of key (null = deleted). */
  void put(String key, ObjectNode object) {
    map.put(key, object == null ? Overlay.ABSENT : object);
  }

  /** Remembers what the store held for key, {@link Overlay#ABSENT} included, unless the cache knows it. */
  void putIfAbsent(String key, ObjectNode stored) {
    map.putIfAbsent(key, stored);
  }
}
