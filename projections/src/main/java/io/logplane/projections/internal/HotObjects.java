package io.logplane.projections.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.Json;
import io.logplane.projections.Store;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Namespaces and ServiceAccounts of the store, parsed and held in memory beside it: every pod
 * create's admission reads both, and a RocksDB get is a JNI call and a parse each time (as
 * kube-apiserver's admission reads them from an informer's lister, not from etcd). They are few
 * and small, and written seldom.
 *
 * <p>Coherent because it is filled whole from the database when the store opens or ingests, and
 * the store's commit hands it every write of those kinds after the batch is in the database: a
 * reader sees a state the store held, at most one batch old. What it hands out is shared: read it,
 * never change it.
 */
public final class HotObjects {

  static final List<String> PREFIXES = List.of("core/namespaces/", "core/serviceaccounts/");

  private final Map<String, JsonNode> objects = new ConcurrentHashMap<>();

  /** True when key is of a kind held here; every other key is read from the database. */
  public static boolean holds(String key) {
    for (String p : PREFIXES) {
      if (key.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** The object at key (a key {@link #holds}), or null when the store holds none. */
  public JsonNode get(String key) {
    return objects.get(key);
  }

  /** Fills it again from what the view holds (an open or an ingest: before anyone reads). */
  public void load(Store.Snapshot view) {
    objects.clear();
    for (String p : PREFIXES) {
      view.scan(p, null, (key, json) -> {
        objects.put(key, Json.object(json));
        return true;
      });
    }
  }

  /** Takes the writes of a batch now in the database. */
  public void committed(Map<String, Store.Write> writes) {
    for (Map.Entry<String, Store.Write> e : writes.entrySet()) {
      if (holds(e.getKey())) {
        byte[] json = e.getValue().json();
        if (json == null) {
          objects.remove(e.getKey());
        } else {
          // parsed from the bytes, not the batch's tree, which its writer may still hold
          objects.put(e.getKey(), Json.object(json));
        }
      }
    }
  }

  /** How many objects it holds. */
  public int size() {
    return objects.size();
  }
}
