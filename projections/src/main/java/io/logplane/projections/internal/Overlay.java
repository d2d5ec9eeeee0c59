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
  private final Map<String, ObjectNode> objects = new LinkedHashMap<>();
  private final Map<String, byte[]> writes = new LinkedHashMap<>();

  public Overlay(Store store) {
    this.store = store;
  }

  /** Records the final state of key after a change; json null deletes. */
  public void put(String key, ObjectNode object, byte[] json) {
    objects.put(key, object);
    writes.put(key, json);
  }

  public Map<String, byte[]> writes() {
    return writes;
  }

  @Override
  public ObjectNode get(String key) {
    if (objects.containsKey(key)) {
      return objects.get(key);
    }
    byte[] b = store.get(key);
    return b == null ? null : Json.object(b);
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
