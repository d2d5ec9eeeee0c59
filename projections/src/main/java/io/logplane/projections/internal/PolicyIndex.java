package io.logplane.projections.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Change;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The names of a namespace's ResourceQuotas, LimitRanges and PodDisruptionBudgets, and of the
 * cluster's StorageClasses and IngressClasses, kept in the state under {@code internal/index.<resource>//<namespace>}
 * as they come and go, so that a create or an eviction finds the policies of its namespace (a
 * claim or an Ingress its default class) with one read instead of a scan of every object there (a namespace
 * without any costs a miss).
 */
public final class PolicyIndex {

  static final String QUOTAS = "resourcequotas";
  static final String LIMIT_RANGES = "limitranges";
  static final String BUDGETS = "poddisruptionbudgets";
  static final String STORAGE_CLASSES = "storageclasses";
  static final String INGRESS_CLASSES = "ingressclasses";

  private PolicyIndex() {}

  static boolean indexed(Key k) {
    return k.group().equals("core") && (k.resource().equals(QUOTAS) || k.resource().equals(LIMIT_RANGES))
        || k.group().equals("policy") && k.resource().equals(BUDGETS)
        || k.group().equals("storage.k8s.io") && k.resource().equals(STORAGE_CLASSES)
        || k.group().equals("networking.k8s.io") && k.resource().equals(INGRESS_CLASSES);
  }

  private static String indexKey(String resource, String namespace) {
    return Allocations.PREFIX + "index." + resource + "//" + namespace;
  }

  /** The storage keys of the namespace's objects of the kind, in name order. */
  static List<String> keys(Tx tx, String group, String resource, String namespace) {
    ObjectNode index = tx.get(indexKey(resource, namespace));
    List<String> keys = new ArrayList<>();
    if (index != null) {
      for (JsonNode n : index.path("names")) {
        keys.add(group + "/" + resource + "/" + namespace + "/" + n.asText());
      }
    }
    return keys;
  }

  /** Records an addition or removal of an indexed object. */
  static void note(Tx tx, Change.Type type, Key k) {
    if (type == Change.Type.MODIFIED) {
      return;
    }
    String key = indexKey(k.resource(), k.namespace());
    ObjectNode index = tx.get(key);
    TreeSet<String> names = new TreeSet<>();
    if (index != null) {
      index.path("names").forEach(n -> names.add(n.asText()));
    }
    boolean changed = type == Change.Type.ADDED ? names.add(k.name()) : names.remove(k.name());
    if (!changed) {
      return;
    }
    if (names.isEmpty()) {
      tx.remove(key, index.deepCopy());
      return;
    }
    ObjectNode next = Json.MAPPER.createObjectNode();
    next.putObject("metadata");
    ArrayNode list = next.putArray("names");
    names.forEach(list::add);
    tx.put(index == null ? Change.Type.ADDED : Change.Type.MODIFIED, key, next);
  }
}
