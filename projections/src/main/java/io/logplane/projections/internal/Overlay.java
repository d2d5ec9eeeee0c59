package io.logplane.projections.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.State;
import io.logplane.projections.Store;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The state seen by the records of one batch: the store before the batch plus the batch's own
 * writes so far. Its writes become the batch's single atomic commit.
 */
public final class Overlay implements State {

  private final Store store;
  private static final ObjectNode ABSENT = Json.MAPPER.createObjectNode();

  private final Map<String, ObjectNode> objects = new LinkedHashMap<>();
  private final Map<String, byte[]> writes = new LinkedHashMap<>();
  private final Map<String, ObjectNode> loaded = new java.util.HashMap<>();

  public Overlay(Store store) {
    this.store = store;
  }

  /** Records the final state of key after a change; json null deletes. */
  public void put(String key, ObjectNode object, byte[] json) {
    objects.put(key, object);
    writes.put(key, json);
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
      byte[] b = store.get(key);
      o = b == null ? ABSENT : Json.object(b);
      loaded.put(key, o);
    }
    return o == ABSENT ? null : o;
  }

  @Override
  public List<String> keysInNamespace(String namespace) {
    TreeSet<String> keys = new TreeSet<>(store.keysInNamespace(namespace));
    for (Map.Entry<String, ObjectNode> e : objects.entrySet()) {
      if (Key.parse(e.getKey()).namespace().equals(namespace)) {
        if (e.getValue() == null) {
          keys.remove(e.getKey());
        } else {
          keys.add(e.getKey());
        }
      }
    }
    return List.copyOf(keys);
  }

  @Override
  public List<String> dependents(String ownerUid) {
    TreeSet<String> keys = new TreeSet<>(store.dependents(ownerUid));
    for (Map.Entry<String, ObjectNode> e : objects.entrySet()) {
      if (e.getValue() != null && ownedBy(e.getValue(), ownerUid)) {
        keys.add(e.getKey());
      } else {
        keys.remove(e.getKey());
      }
    }
    return List.copyOf(keys);
  }

  private static boolean ownedBy(JsonNode object, String uid) {
    for (JsonNode ref : Meta.ownerReferences(object)) {
      if (uid.equals(ref.path("uid").asText())) {
        return true;
      }
    }
    return false;
  }
}
