package io.logplane.projections.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.logplane.projections.Change;
import io.logplane.projections.Metadata;
import io.logplane.projections.State;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes of one record being applied, layered over the state before it, so that the
 * steps of a cascade see each other's effects. Every write stamps the record's offset as
 * resourceVersion.
 */
public final class Tx {

  private final State state;
  private final long offset;
  private final Map<String, ObjectNode> pending = new LinkedHashMap<>();
  private final List<Change> changes = new ArrayList<>();
  /** Uid -> key of the objects this record wrote. */
  private final Map<String, String> uids = new HashMap<>();

  public Tx(State state, long offset) {
    this.state = state;
    this.offset = offset;
  }

  public long offset() {
    return offset;
  }

  public ObjectNode get(String key) {
    return pending.containsKey(key) ? pending.get(key) : state.get(key);
  }

  /** The object at key as it was before this record. */
  public ObjectNode before(String key) {
    return state.get(key);
  }

  public List<String> keysInNamespace(String namespace) {
    return live(state.keysInNamespace(namespace));
  }

  public List<String> dependents(String ownerUid) {
    return live(state.dependents(ownerUid));
  }

  /** The key of the object with this uid as this record leaves it, or null. */
  public String keyOfUid(String uid) {
    String key = uids.get(uid);
    if (key == null) {
      key = state.keyOfUid(uid);
    }
    if (key == null) {
      return null;
    }
    ObjectNode o = get(key);
    return o != null && uid.equals(Metadata.uid(o)) ? key : null;
  }

  private List<String> live(List<String> keys) {
    List<String> out = new ArrayList<>(keys.size());
    for (String k : keys) {
      if (get(k) != null) {
        out.add(k);
      }
    }
    return out;
  }

  public ObjectNode put(Change.Type type, String key, ObjectNode object) {
    Metadata.of(object).set("resourceVersion", TextNode.valueOf(Long.toString(offset)));
    pending.put(key, object);
    changes.add(new Change(type, key, object));
    String uid = StoreKeys.indexedUid(object);
    if (uid != null) {
      uids.put(uid, key);
    }
    return object;
  }

  public ObjectNode remove(String key, ObjectNode last) {
    Metadata.of(last).set("resourceVersion", TextNode.valueOf(Long.toString(offset)));
    pending.put(key, null);
    changes.add(new Change(Change.Type.DELETED, key, last));
    return last;
  }

  public int changeCount() {
    return changes.size();
  }

  public List<Change> changes() {
    return List.copyOf(changes);
  }
}
