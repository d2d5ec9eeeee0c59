package io.logplane.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Merging lists in a strategic merge patch (apimachinery's {@code mergeSlice}): lists of maps by
 * merge key with {@code $patch: delete|replace} items, lists of scalars as sets, then the merged
 * items are put in order: patch items in patch order, server-only items in server order,
 * interleaved where the live order allows. Note kube's quirk that an item new to the list lands
 * before the server-only items that follow the last matched one (without
 * {@code $setElementOrder} a new item goes first).
 */
final class SmpLists {

  private SmpLists() {}

  static ArrayNode mergeSlice(ArrayNode original, ArrayNode patch, String mergeKey, TypeSchema elem,
      boolean deleteList) {
    if (original.isEmpty() && patch.isEmpty()) {
      return original;
    }
    List<JsonNode> orig = list(original);
    List<JsonNode> pat = list(patch);
    boolean maps = elementsAreMaps(orig, pat);
    List<JsonNode> merged;
    if (!maps) {
      if (deleteList) {
        return array(deleteFromSlice(orig, pat));
      }
      List<JsonNode> both = new ArrayList<>(orig);
      both.addAll(pat);
      merged = deduplicateScalars(both);
      List<List<JsonNode>> parts = SmpOrder.partition(merged, pat, null);
      return array(SmpOrder.normalize(parts.get(0), parts.get(1), pat, orig, null));
    }
    if (mergeKey == null) {
      throw PatchException.badRequest("cannot merge lists without merge key");
    }
    List<JsonNode> patchItems = new ArrayList<>();
    boolean replace = false;
    for (JsonNode v : pat) {
      JsonNode d = v.get(StrategicMergePatch.DIRECTIVE);
      if (d == null) {
        patchItems.add(v);
      } else if ("delete".equals(d.asText())) {
        JsonNode key = v.get(mergeKey);
        if (key == null) {
          throw noMergeKey(v, mergeKey);
        }
        orig.removeIf(o -> Json.same(o.get(mergeKey), key) && o.has(mergeKey));
      } else if ("replace".equals(d.asText())) {
        replace = true;
      } else if ("merge".equals(d.asText())) {
        throw PatchException.badRequest("merging lists cannot yet be specified in the patch");
      } else {
        throw PatchException.badRequest("unknown patch type: " + Json.text(d) + " in map: " + Json.text(v));
      }
    }
    if (replace) {
      orig = new ArrayList<>();
      for (JsonNode v : patchItems) {
        orig.add(StrategicMergePatch.mergeMap(Json.object(), (ObjectNode) v, elem));
      }
      patchItems = List.of();
    }
    merged = new ArrayList<>(orig);
    for (JsonNode v : patchItems) {
      JsonNode key = v.get(mergeKey);
      if (key == null) {
        throw noMergeKey(v, mergeKey);
      }
      int at = indexOfKey(merged, mergeKey, key);
      if (at >= 0) {
        merged.set(at, StrategicMergePatch.mergeMap((ObjectNode) merged.get(at), (ObjectNode) v, elem));
      } else {
        merged.add(StrategicMergePatch.mergeMap(Json.object(), (ObjectNode) v, elem));
      }
    }
    List<List<JsonNode>> parts = SmpOrder.partition(merged, patchItems, mergeKey);
    return array(SmpOrder.normalize(parts.get(0), parts.get(1), patchItems, orig, mergeKey));
  }

  /** All items of both lists must share one kind and none may be a list (kube: 422 / 400). */
  static boolean elementsAreMaps(List<JsonNode> a, List<JsonNode> b) {
    String kind = null;
    List<JsonNode> all = new ArrayList<>(a);
    all.addAll(b);
    for (JsonNode n : all) {
      String k = Json.kind(n);
      if (kind == null) {
        kind = k;
        if (k.equals("array")) {
          throw PatchException.invalid("lists of lists are not supported");
        }
      } else if (!kind.equals(k)) {
        throw PatchException.badRequest("list element types are not identical: " + Json.text(array(all)));
      }
    }
    return "object".equals(kind);
  }

  static int indexOfKey(List<JsonNode> items, String mergeKey, JsonNode key) {
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (!item.isObject()) {
        throw PatchException.badRequest("value for key " + i + " is not a map.");
      }
      if (item.has(mergeKey) && Json.same(item.get(mergeKey), key)) {
        return i;
      }
    }
    return -1;
  }

  static PatchException noMergeKey(JsonNode item, String mergeKey) {
    return PatchException.badRequest("map: " + Json.text(item) + " does not contain declared merge key: " + mergeKey);
  }

  private static List<JsonNode> deleteFromSlice(List<JsonNode> current, List<JsonNode> toDelete) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode v : current) {
      if (toDelete.stream().noneMatch(d -> Json.same(d, v))) {
        out.add(v);
      }
    }
    return out;
  }

  /** Go's in-place de-duplication (moves the last item into a duplicate's slot). */
  private static List<JsonNode> deduplicateScalars(List<JsonNode> s) {
    List<JsonNode> l = new ArrayList<>(s);
    int length = l.size() - 1;
    for (int i = 0; i < length; i++) {
      for (int j = i + 1; j <= length; j++) {
        if (Json.same(l.get(i), l.get(j))) {
          l.set(j, l.get(length));
          l.remove(length);
          length--;
          j--;
        }
      }
    }
    return l;
  }

  static List<JsonNode> list(ArrayNode a) {
    List<JsonNode> l = new ArrayList<>(a.size());
    a.forEach(l::add);
    return l;
  }

  static ArrayNode array(List<JsonNode> items) {
    ArrayNode a = Json.NODES.arrayNode();
    items.forEach(a::add);
    return a;
  }
}
