package io.logplane.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Kubernetes strategic merge patch over JSON trees, following apimachinery's
 * {@code strategicpatch.StrategicMergeMapPatch} (MergeParallelList and IgnoreUnmatchedNulls
 * on, as the apiserver runs it). Maps merge key by key and {@code null} deletes; lists named in
 * {@code PatchMeta} merge by key (or as scalar sets), all others are replaced. Directives:
 * {@code $patch} (replace/delete, in maps and list items), {@code $retainKeys},
 * {@code $deleteFromPrimitiveList/<f>} and {@code $setElementOrder/<f>}.
 *
 * <p>Where kube keeps a stray directive in a value taken whole from the patch and relies on
 * decoding into a typed object to drop it, this code merges that value into an empty one, so
 * the result never carries a directive.
 */
final class StrategicMergePatch {

  static final String DIRECTIVE = "$patch";
  static final String RETAIN_KEYS = "$retainKeys";
  static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";
  static final String SET_ELEMENT_ORDER = "$setElementOrder/";

  private StrategicMergePatch() {}

  /** Applies {@code patch} to a copy of {@code original}; neither argument is modified. */
  static ObjectNode apply(ObjectNode original, ObjectNode patch, TypeSchema schema) {
    return mergeMap(original.deepCopy(), patch.deepCopy(), schema);
  }

  /** Merges patch into original in place (both are owned copies) and returns the result. */
  static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, TypeSchema s) {
    JsonNode directive = patch.get(DIRECTIVE);
    if (directive != null) {
      if ("replace".equals(directive.asText())) {
        patch.remove(DIRECTIVE);
        return mergeMap(Json.object(), patch, s);
      }
      if ("delete".equals(directive.asText())) {
        return Json.object();
      }
      throw PatchException.badRequest("unknown patch type: " + Json.text(directive) + " in map: " + Json.text(patch));
    }
    retainKeys(original, patch);
    SmpOrder.applySetElementOrder(original, patch, s);
    for (String key : new ArrayList<>(iterable(patch))) {
      JsonNode v = patch.get(key);
      boolean deleteList = key.startsWith(DELETE_FROM_PRIMITIVE_LIST);
      String k = deleteList ? extractKey(key, DELETE_FROM_PRIMITIVE_LIST,
          "invalid patch format of primitive list") : key;
      if (v.isNull()) {
        original.remove(k);
        continue;
      }
      JsonNode o = original.get(k);
      TypeSchema fs = s.field(k);
      if (o == null || o.isNull()) {
        if (!deleteList) {
          original.set(k, fresh(v, fs));
        }
      } else if (o.isObject() && v.isObject()) {
        original.set(k, mergeMap((ObjectNode) o, (ObjectNode) v, fs));
      } else if (o.isArray() && v.isArray()) {
        original.set(k, mergeList((ArrayNode) o, (ArrayNode) v, fs, deleteList));
      } else if (!deleteList) {
        original.set(k, fresh(v, fs));
      }
    }
    return original;
  }

  /** A list field: merged when the schema says so, replaced otherwise. */
  static ArrayNode mergeList(ArrayNode original, ArrayNode patch, TypeSchema s, boolean deleteList) {
    if (s.listKind() == TypeSchema.ListKind.ATOMIC) {
      return (ArrayNode) fresh(patch, s);
    }
    return SmpLists.mergeSlice(original, patch, s.mergeKey(), s.element(), deleteList);
  }

  /** A patch value with nothing to merge into: nulls and directives are resolved against empty. */
  static JsonNode fresh(JsonNode v, TypeSchema s) {
    if (v.isObject()) {
      return mergeMap(Json.object(), (ObjectNode) v, s);
    }
    if (v.isArray()) {
      if (s.listKind() != TypeSchema.ListKind.ATOMIC) {
        return mergeList(Json.NODES.arrayNode(), (ArrayNode) v, s, false);
      }
      ArrayNode out = Json.NODES.arrayNode();
      for (JsonNode item : v) {
        out.add(item.isObject() || item.isArray() ? fresh(item, s.element()) : item);
      }
      return out;
    }
    return v;
  }

  private static void retainKeys(ObjectNode original, ObjectNode patch) {
    JsonNode retain = patch.remove(RETAIN_KEYS);
    if (retain == null) {
      return;
    }
    if (!retain.isArray()) {
      throw PatchException.badRequest("invalid patch format of retainKeys");
    }
    Set<String> keep = new HashSet<>();
    retain.forEach(n -> {
      if (n.isTextual()) {
        keep.add(n.asText());
      }
    });
    for (String k : iterable(patch)) {
      if (patch.get(k).isNull() || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) {
        continue;
      }
      if (!keep.contains(k)) {
        throw PatchException.badRequest("invalid patch format of retainKeys");
      }
    }
    original.retain(keep);
  }

  static String extractKey(String key, String prefix, String error) {
    String rest = key.substring(prefix.length());
    if (rest.isEmpty()) {
      throw PatchException.badRequest(error);
    }
    return rest;
  }

  static List<String> iterable(ObjectNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
