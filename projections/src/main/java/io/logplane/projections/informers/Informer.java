package io.logplane.projections.informers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The current objects under one key prefix ({@code core/pods/}), by key, with named indexes.
 * Changes arrive in log order from one feeder ({@link #apply}); readers on any thread see each
 * change whole. The trees held are shared: a reader copies one before changing it.
 *
 * <p>Handlers run on the feeder's thread right after the cache changed (for the projection, its
 * applying thread, before the writes of that batch are answered: a controller that wrote and
 * waited reads its own write here). They must not block: they queue keys.
 */
public final class Informer {

  /** Learns of a change: {@code old} null for an object new to the cache, {@code now} null for one gone. */
  @FunctionalInterface
  public interface Handler {
    void onChange(String key, ObjectNode old, ObjectNode now);
  }

  private final String prefix;
  private final Map<String, ObjectNode> objects = new HashMap<>();
  private final Map<String, Function<ObjectNode, Collection<String>>> indexers = new HashMap<>();
  /** Index name to value to keys. */
  private final Map<String, Map<String, Set<String>>> indexes = new HashMap<>();
  private final List<Handler> handlers = new CopyOnWriteArrayList<>();
  private volatile long offset = -1;

  public Informer(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  /** The applied offset the cache reflects. */
  public long offset() {
    return offset;
  }

  public synchronized ObjectNode get(String key) {
    return objects.get(key);
  }

  /** Every object held, in no order. */
  public synchronized List<ObjectNode> list() {
    return new ArrayList<>(objects.values());
  }

  public synchronized int size() {
    return objects.size();
  }

  /** Adds an index (values computed from an object; none for an object it does not apply to). */
  public synchronized void addIndex(String name, Function<ObjectNode, Collection<String>> indexer) {
    if (indexers.putIfAbsent(name, indexer) != null) {
      return;
    }
    indexes.put(name, new HashMap<>());
    objects.forEach((k, o) -> index(name, indexer, k, o));
  }

  /** The objects whose index {@code name} has {@code value}. */
  public synchronized List<ObjectNode> byIndex(String name, String value) {
    Map<String, Set<String>> index = indexes.get(name);
    if (index == null) {
      throw new IllegalStateException("no index " + name + " on " + prefix);
    }
    List<ObjectNode> found = new ArrayList<>();
    for (String key : index.getOrDefault(value, Set.of())) {
      found.add(objects.get(key));
    }
    return found;
  }

  /** Registers a handler and calls it at once for every object held, as an addition. */
  public void addHandler(Handler handler) {
    List<Map.Entry<String, ObjectNode>> held;
    synchronized (this) {
      handlers.add(handler);
      held = new ArrayList<>(objects.entrySet());
    }
    held.forEach(e -> handler.onChange(e.getKey(), null, e.getValue()));
  }

  public void removeHandler(Handler handler) {
    handlers.remove(handler);
  }

  /** Records that the object at key is now {@code now} (null: gone) as of the offset, and tells the handlers. */
  public void apply(String key, ObjectNode now, long atOffset) {
    ObjectNode old;
    synchronized (this) {
      old = now == null ? objects.remove(key) : objects.put(key, now);
      indexers.forEach((name, indexer) -> {
        if (old != null) {
          unindex(name, indexer, key, old);
        }
        if (now != null) {
          index(name, indexer, key, now);
        }
      });
      offset = Math.max(offset, atOffset);
    }
    if (old != null || now != null) {
      for (Handler h : handlers) {
        h.onChange(key, old, now);
      }
    }
  }

  /** Moves the offset on when a batch brought nothing under the prefix. */
  public void advance(long atOffset) {
    offset = Math.max(offset, atOffset);
  }

  private void index(String name, Function<ObjectNode, Collection<String>> indexer, String key, ObjectNode o) {
    Map<String, Set<String>> index = indexes.get(name);
    for (String v : indexer.apply(o)) {
      index.computeIfAbsent(v, x -> new HashSet<>()).add(key);
    }
  }

  private void unindex(String name, Function<ObjectNode, Collection<String>> indexer, String key, ObjectNode o) {
    Map<String, Set<String>> index = indexes.get(name);
    for (String v : indexer.apply(o)) {
      Set<String> keys = index.get(v);
      if (keys != null && keys.remove(key) && keys.isEmpty()) {
        index.remove(v);
      }
    }
  }
}
