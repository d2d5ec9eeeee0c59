package io.logplane.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Item order after a strategic merge, and the {@code $setElementOrder/<field>} directive
 * kubectl apply sends (apimachinery's {@code mergePatchIntoOriginal},
 * {@code normalizeElementOrder} and {@code mergeSortedSlice}, kept step for step because
 * clients observe the resulting order). Precedence: $setElementOrder, then patch order, then
 * live order.
 */
final class SmpOrder {

  private SmpOrder() {}

  /** Handles every {@code $setElementOrder/<f>} key of patch, merging list f as it goes. */
  static void applySetElementOrder(ObjectNode original, ObjectNode patch, TypeSchema s) {
    for (String key : StrategicMergePatch.iterable(patch)) {
      if (!key.startsWith(StrategicMergePatch.SET_ELEMENT_ORDER)) {
        continue;
      }
      JsonNode order = patch.remove(key);
      String error = "invalid patch format of setElementOrder list";
      if (!order.isArray()) {
        throw PatchException.badRequest(error);
      }
      String field = StrategicMergePatch.extractKey(key, StrategicMergePatch.SET_ELEMENT_ORDER, error);
      JsonNode o = original.get(field);
      JsonNode p = patch.get(field);
      if ((o != null && !o.isNull() && !o.isArray()) || (p != null && !p.isNull() && !p.isArray())) {
        throw PatchException.badRequest(error);
      }
      boolean hasO = o != null && o.isArray();
      boolean hasP = p != null && p.isArray();
      if (!hasO && !hasP) {
        continue;
      }
      TypeSchema fs = s.field(field);
      String mergeKey = fs.mergeKey();
      List<JsonNode> orderList = SmpLists.list((ArrayNode) order);
      if (hasP) {
        validate(SmpLists.list((ArrayNode) p), orderList, mergeKey);
      }
      ArrayNode base = hasO ? (ArrayNode) o : Json.NODES.arrayNode();
      ArrayNode merged = hasP ? StrategicMergePatch.mergeList(base, (ArrayNode) p, fs, false) : base;
      if (fs.listKind() != TypeSchema.ListKind.ATOMIC) {
        List<JsonNode> items = SmpLists.list(merged);
        String key2 = items.stream().anyMatch(JsonNode::isObject) ? mergeKey : null;
        List<List<JsonNode>> parts = partition(items, orderList, key2);
        List<JsonNode> server = hasO ? SmpLists.list((ArrayNode) o) : List.of();
        merged = SmpLists.array(normalize(parts.get(0), parts.get(1), orderList, server, key2));
      }
      original.set(field, merged);
      patch.remove(field);
    }
  }

  /** The patch list must follow the relative order of the $setElementOrder list. */
  private static void validate(List<JsonNode> patch, List<JsonNode> order, String mergeKey) {
    if (order.isEmpty() || patch.isEmpty()) {
      return;
    }
    List<JsonNode> nonDelete = new ArrayList<>();
    for (JsonNode v : patch) {
      if (mergeKey == null || !v.isObject() || !"delete".equals(v.path(StrategicMergePatch.DIRECTIVE).asText())) {
        nonDelete.add(v);
      }
    }
    int pi = 0;
    int oi = 0;
    while (pi < nonDelete.size() && oi < order.size()) {
      JsonNode item = nonDelete.get(pi);
      if (item.isObject() && item.has(StrategicMergePatch.DIRECTIVE)) {
        pi++;
        continue;
      }
      if (Json.same(value(item, mergeKey), value(order.get(oi), mergeKey))) {
        pi++;
      }
      oi++;
    }
    if (pi < nonDelete.size()) {
      throw PatchException.badRequest("The order in patch list: " + Json.text(SmpLists.array(patch))
          + " doesn't match $setElementOrder list: " + Json.text(SmpLists.array(order)));
    }
  }

  /** Splits items into [present in partitionBy, server-only], each keeping its order. */
  static List<List<JsonNode>> partition(List<JsonNode> items, List<JsonNode> partitionBy, String mergeKey) {
    List<JsonNode> in = new ArrayList<>();
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode v : items) {
      if (index(partitionBy, v, mergeKey) >= 0) {
        in.add(v);
      } else {
        out.add(v);
      }
    }
    return List.of(in, out);
  }

  static List<JsonNode> normalize(List<JsonNode> patch, List<JsonNode> serverOnly, List<JsonNode> patchOrder,
      List<JsonNode> serverOrder, String mergeKey) {
    List<JsonNode> p = sortBy(patch, patchOrder, mergeKey);
    List<JsonNode> s = sortBy(serverOnly, serverOrder, mergeKey);
    return mergeSorted(s, p, serverOrder, mergeKey);
  }

  /** Go's stable insertion sort with kube's comparator (unknown items compare as "less"). */
  private static List<JsonNode> sortBy(List<JsonNode> toSort, List<JsonNode> order, String mergeKey) {
    List<JsonNode> keep = new ArrayList<>();
    List<JsonNode> toDelete = new ArrayList<>();
    for (JsonNode v : toSort) {
      if (mergeKey != null) {
        if (!v.isObject() || !v.has(mergeKey)) {
          throw SmpLists.noMergeKey(v, mergeKey);
        }
        if ("delete".equals(v.path(StrategicMergePatch.DIRECTIVE).asText())) {
          toDelete.add(v);
          continue;
        }
      }
      keep.add(v);
    }
    for (int i = 1; i < keep.size(); i++) {
      for (int j = i; j > 0 && less(keep.get(j), keep.get(j - 1), order, mergeKey); j--) {
        JsonNode t = keep.get(j);
        keep.set(j, keep.get(j - 1));
        keep.set(j - 1, t);
      }
    }
    keep.addAll(toDelete);
    return keep;
  }

  private static boolean less(JsonNode a, JsonNode b, List<JsonNode> order, String mergeKey) {
    int ia = index(order, a, mergeKey);
    int ib = index(order, b, mergeKey);
    return ia < 0 || ib < 0 || ia < ib;
  }

  /** Inserts server-only items (left) among patch items (right) by live order, best effort. */
  private static List<JsonNode> mergeSorted(List<JsonNode> left, List<JsonNode> right, List<JsonNode> serverOrder,
      String mergeKey) {
    List<JsonNode> s = new ArrayList<>(left.size() + right.size());
    int i = 0;
    int j = 0;
    while (i < left.size() || j < right.size()) {
      if (i >= left.size()) {
        s.add(right.get(j++));
      } else if (j >= right.size()) {
        s.add(left.get(i++));
      } else {
        int li = index(serverOrder, left.get(i), mergeKey);
        int ri = index(serverOrder, right.get(j), mergeKey);
        if (li >= 0 && ri >= 0 && li < ri) {
          s.add(left.get(i++));
        } else {
          s.add(right.get(j++));
        }
      }
    }
    return s;
  }

  private static JsonNode value(JsonNode item, String mergeKey) {
    return mergeKey == null ? item : item.get(mergeKey);
  }

  static int index(List<JsonNode> l, JsonNode v, String mergeKey) {
    JsonNode want = value(v, mergeKey);
    for (int i = 0; i < l.size(); i++) {
      if (Json.same(want, value(l.get(i), mergeKey))) {
        return i;
      }
    }
    return -1;
  }
}
