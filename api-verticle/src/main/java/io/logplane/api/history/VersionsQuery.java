package io.logplane.api.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.resources.Registry;
import io.logplane.api.resources.ResourceType;
import io.logplane.projections.Audit;
import io.logplane.projections.Event;
import io.logplane.projections.Store;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code versions} items from the store. With a target resource the keys come from the
 * version index (at most {@value #KEY_CAP} keys); without one, from a window of
 * {@value #WINDOW} log offsets per page (the events and refused attempts in it), so no request
 * reads more than a bounded part of the log whatever its length.
 */
public final class VersionsQuery {

  static final int KEY_CAP = 1000;
  static final int HISTORY_CAP = 10_000;
  static final long WINDOW = 10_000;

  private final Store store;
  private final Registry registry;

  public VersionsQuery(Store store, Registry registry) {
    this.store = store;
    this.registry = registry;
  }

  /** The served type of a storage group and resource, or null. */
  public ResourceType type(String storageGroup, String resource) {
    for (ResourceType t : registry.all()) {
      if (t.storageGroup().equals(storageGroup) && t.resource().equals(resource)) {
        return t;
      }
    }
    return null;
  }

  /** One page of items, after cursor (null = from the start), at most limit. */
  public Page list(VersionFilter filter, Cursor after, int limit) {
    return list(filter, after, limit, Long.MAX_VALUE);
  }

  /**
   * One page of items, after cursor (null = from the start), at most limit, of the history as
   * it was at offset atMost (Long.MAX_VALUE for all of it).
   */
  public Page list(VersionFilter filter, Cursor after, int limit, long atMost) {
    long applied = Math.min(store.appliedOffset(), atMost);
    long from = 0;
    long to = atMost;
    Set<String> keys;
    if (filter.resource() != null) {
      keys = indexedKeys(filter);
    } else {
      from = after == null ? 0 : after.offset();
      to = Math.min(atMost, from + WINDOW - 1);
      keys = windowKeys(from, to);
    }
    List<Entry> entries = new ArrayList<>();
    for (String key : keys) {
      if (!filter.keyMatches(key)) {
        continue;
      }
      JsonNode labels = null;
      for (ObjectNode item : VersionItems.of(key, store.history(key, 0, HISTORY_CAP), this::type)) {
        if (item.has("object")) {
          labels = item.path("object").path("metadata").get("labels");
        }
        Cursor at = new Cursor(Long.parseLong(item.path("resourceVersion").asText()), key);
        if (at.offset() >= from && at.offset() <= to && (after == null || at.compareTo(after) > 0)
            && filter.matches(item, labels)) {
          entries.add(new Entry(at, item));
        }
      }
    }
    entries.sort(Comparator.comparing(Entry::at));
    List<ObjectNode> items = new ArrayList<>();
    for (int i = 0; i < Math.min(limit, entries.size()); i++) {
      items.add(entries.get(i).item());
    }
    String token = null;
    if (entries.size() > limit) {
      token = entries.get(limit - 1).at().token();
    } else if (to < applied) {
      token = new Cursor(to, Cursor.END).token();
    }
    return new Page(applied, items, token);
  }

  /** The item of one version of a named object, or null. */
  public ObjectNode get(String namespace, String itemName) {
    for (VersionName.Parts p : VersionName.candidates(itemName)) {
      String key = p.key(namespace == null ? "" : namespace);
      for (ObjectNode item : VersionItems.of(key, store.history(key, 0, HISTORY_CAP), this::type)) {
        if (item.path("resourceVersion").asText().equals(Long.toString(p.offset()))) {
          return item;
        }
      }
    }
    return null;
  }

  private record Entry(Cursor at, ObjectNode item) {}

  private Set<String> indexedKeys(VersionFilter f) {
    List<String> groups = new ArrayList<>();
    if (f.group() != null) {
      groups.add(f.group());
    } else {
      registry.all().stream().filter(t -> t.resource().equals(f.resource())).map(ResourceType::storageGroup)
          .distinct().forEach(groups::add);
    }
    Set<String> keys = new LinkedHashSet<>();
    for (String g : groups) {
      String prefix = g + "/" + f.resource() + "/";
      if (f.namespace() != null && f.name() != null) {
        keys.add(prefix + f.namespace() + "/" + f.name());
      } else {
        keys.addAll(store.historyKeys(f.namespace() == null ? prefix : prefix + f.namespace() + "/", KEY_CAP));
      }
    }
    return keys;
  }

  private Set<String> windowKeys(long from, long to) {
    Set<String> keys = new LinkedHashSet<>();
    for (Event e : store.events(from - 1, to, Integer.MAX_VALUE)) {
      keys.add(e.key());
    }
    for (Audit a : store.audits(from, to, a -> !a.accepted() && !a.key().isEmpty(), Integer.MAX_VALUE)) {
      keys.add(a.key());
    }
    return keys;
  }
}
