package io.logplane.projections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An in-memory State for pure tests of apply(): a sorted map, indexes computed by scanning. */
final class MemoryState implements State {

  final TreeMap<String, ObjectNode> objects = new TreeMap<>();

  void apply(Outcome outcome) {
    if (outcome instanceof Outcome.Accepted a) {
      for (Change c : a.changes()) {
        if (c.type() == Change.Type.DELETED) {
          objects.remove(c.key());
        } else {
          objects.put(c.key(), c.object());
        }
      }
    }
  }

  @Override
  public ObjectNode get(String key) {
    return objects.get(key);
  }

  @Override
  public List<String> keysInNamespace(String namespace) {
    List<String> out = new ArrayList<>();
    for (String k : objects.keySet()) {
      if (Key.parse(k).namespace().equals(namespace)) {
        out.add(k);
      }
    }
    return out;
  }

  @Override
  public List<String> dependents(String ownerUid) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, ObjectNode> e : objects.entrySet()) {
      for (JsonNode ref : e.getValue().path("metadata").path("ownerReferences")) {
        if (ownerUid.equals(ref.path("uid").asText())) {
          out.add(e.getKey());
        }
      }
    }
    return out;
  }

  @Override
  public String keyOfUid(String uid) {
    for (Map.Entry<String, ObjectNode> e : objects.entrySet()) {
      if (uid.equals(e.getValue().path("metadata").path("uid").asText(null))) {
        return e.getKey();
      }
    }
    return null;
  }
}
