package io.logplane.projections.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.State;
import io.logplane.projections.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The state seen by the records of one batch: the store before the batch plus the batch's own
 * writes so far. Its writes become the batch's single atomic commit.
 */
public final class Overlay implements State {

  /** Marks a key known not to exist. */
  static final ObjectNode ABSENT = Json.MAPPER.createObjectNode();

  private final Store store;
  private final ObjectCache cache;
  private Overlay previous;

  private final Map<String, ObjectNode> objects = new LinkedHashMap<>();
  private final Map<String, byte[]> writes = new LinkedHashMap<>();
  private final Map<String, ObjectNode> loaded = new java.util.HashMap<>();
  // Owner uid -> keys whose batch version it owns, and back: dependents() must not walk the
  // whole batch for every delete.
  private final Map<String, Set<String>> owned = new HashMap<>();
  private final Map<String, List<String>> ownersOf = new HashMap<>();
  // Uid -> key of the objects the batch wrote: the store's uid index does not know them yet.
  private final Map<String, String> uids = new HashMap<>();

  public Overlay(Store store) {
    this(store, null, null);
  }

  /** An overlay that reads keys the cache knows from it instead of the store. */
  public Overlay(Store store, ObjectCache cache) {
    this(store, cache, null);
  }

  /**
   * An overlay over a store that may still be committing the batch of {@code previous}: the
   * cache holds that batch's objects, and the indexes read from the store are corrected by its
   * writes, which gives the same keys whether the commit has happened yet or not.
   */
  public Overlay(Store store, ObjectCache cache, Overlay previous) {
    this.store = store;
    this.cache = cache;
    this.previous = previous;
  }

  /** Stops reading through the previous batch (once this one is decided), so it can be collected. */
  public void decided() {
    previous = null;
  }

  /** How many keys the batch wrote or read from the store. */
  public int touched() {
    return objects.size() + loaded.size();
  }

  /** Sets the JSON of key's final state when it is encoded after the change was put. */
  public void json(String key, byte[] json) {
    writes.put(key, json);
  }

  /**
   * Puts the batch's final states into the cache, once they are committed, and what it read
   * from the store and left as it was (a create's namespace, an update's current object).
   */
  public void remember(ObjectCache into) {
    objects.forEach(into::put);
    loaded.forEach((key, stored) -> {
      if (!objects.containsKey(key)) {
        into.putIfAbsent(key, stored);
      }
    });
  }

  /** Records the final state of key after a change; json null deletes. */
  public void put(String key, ObjectNode object, byte[] json) {
    objects.put(key, object);
    writes.put(key, json);
    List<String> before = ownersOf.remove(key);
    if (before != null) {
      before.forEach(uid -> owned.get(uid).remove(key));
    }
    if (object != null) {
      List<String> owners = new ArrayList<>(1);
      for (JsonNode ref : Metadata.ownerReferences(object)) {
        String uid = ref.path("uid").asText();
        owners.add(uid);
        owned.computeIfAbsent(uid, u -> new HashSet<>()).add(key);
      }
      if (!owners.isEmpty()) {
        ownersOf.put(key, owners);
      }
      String uid = StoreKeys.indexedUid(object);
      if (uid != null) {
        uids.put(uid, key);
      }
    }
  }

  /** The batch's writes, each with the state before the batch (for the store's indexes). */
  public Map<String, Store.Write> writes() {
    Map<String, Store.Write> out = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> w : writes.entrySet()) {
      out.put(w.getKey(), new Store.Write(w.getValue(), objects.get(w.getKey()), loaded(w.getKey())));
    }
    return out;
  }

  @Override
  public ObjectNode get(String key) {
    if (objects.containsKey(key)) {
      return objects.get(key);
    }
    return loaded(key);
  }

  /** The object as the store held it before the batch, parsed once per batch. */
  private ObjectNode loaded(String key) {
    ObjectNode o = loaded.get(key);
    if (o == null) {
      o = cache == null ? null : cache.get(key);
      if (o == null) {
        byte[] b = store.get(key);
        o = b == null ? ABSENT : Json.object(b);
      }
      loaded.put(key, o);
    }
    return o == ABSENT ? null : o;
  }

  @Override
  public List<String> keysInNamespace(String namespace) {
    TreeSet<String> keys = new TreeSet<>(store.keysInNamespace(namespace));
    if (previous != null) {
      previous.correctNamespace(keys, namespace);
    }
    correctNamespace(keys, namespace);
    return List.copyOf(keys);
  }

  /** The batch's version of a key decides, whatever the store's index says. */
  private void correctNamespace(TreeSet<String> keys, String namespace) {
    for (Map.Entry<String, ObjectNode> e : objects.entrySet()) {
      if (Key.parse(e.getKey()).namespace().equals(namespace)) {
        if (e.getValue() == null) {
          keys.remove(e.getKey());
        } else {
          keys.add(e.getKey());
        }
      }
    }
  }

  @Override
  public List<String> dependents(String ownerUid) {
    TreeSet<String> keys = new TreeSet<>(store.dependents(ownerUid));
    if (previous != null) {
      previous.correctDependents(keys, ownerUid);
    }
    correctDependents(keys, ownerUid);
    return List.copyOf(keys);
  }

  /**
   * The batch's writes, then the previous batch's (which the store may not hold yet), then the
   * store's index name a key; the object at that key, as this batch sees it, must have the uid.
   */
  @Override
  public String keyOfUid(String uid) {
    String key = uids.get(uid);
    if (key == null && previous != null) {
      key = previous.uids.get(uid);
    }
    if (key == null) {
      key = store.keyOfUid(uid);
    }
    if (key == null) {
      return null;
    }
    ObjectNode o = get(key);
    return o != null && uid.equals(Metadata.uid(o)) ? key : null;
  }

  private void correctDependents(TreeSet<String> keys, String ownerUid) {
    keys.removeIf(objects::containsKey);
    keys.addAll(owned.getOrDefault(ownerUid, Set.of()));
  }
}
