package io.logplane.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges an applied configuration into the live object (structured-merge-diff's
 * {@code TypedValue.Merge}): objects key by key, keyed and set lists item by item with SMD's
 * interleaving of the two orders, leaves and atomic values replaced. A {@code null} in the
 * configuration removes the value.
 */
final class ApplyMerge {

  private ApplyMerge() {}

  /** The merged value, or null when the result is absent. Inputs are not modified. */
  static JsonNode merge(JsonNode lhs, JsonNode rhs, TypeSchema s) {
    if (rhs == null || rhs.isNull()) {
      return null;
    }
    if (lhs == null || lhs.isNull() || FieldWalk.isLeaf(rhs, s) || FieldWalk.isLeaf(lhs, s)
        || lhs.isArray() != rhs.isArray()) {
      return clean(rhs, s);
    }
    if (rhs.isObject()) {
      ObjectNode out = ((ObjectNode) lhs).deepCopy();
      rhs.fields().forEachRemaining(e -> {
        JsonNode m = merge(out.get(e.getKey()), e.getValue(), s.field(e.getKey()));
        if (m == null) {
          out.remove(e.getKey());
        } else {
          out.set(e.getKey(), m);
        }
      });
      return out;
    }
    return mergeList((ArrayNode) lhs, (ArrayNode) rhs, s);
  }

  /** A configuration value taken as is, without nulls. */
  private static JsonNode clean(JsonNode v, TypeSchema s) {
    if (v.isObject() && !s.atomic()) {
      return merge(Json.object(), v, s);
    }
    return v.deepCopy();
  }

  /** SMD's visitListItems: keeps both relative orders, shared items at the config's pace. */
  private static ArrayNode mergeList(ArrayNode lhs, ArrayNode rhs, TypeSchema s) {
    Map<String, FieldWalk.Child> observedL = FieldWalk.children(lhs, s, false);
    Map<String, FieldWalk.Child> observedR = FieldWalk.children(rhs, s, true);
    List<String> lPes = new ArrayList<>(observedL.keySet());
    List<String> rPes = new ArrayList<>(observedR.keySet());
    List<String> shared = new ArrayList<>();
    for (String pe : rPes) {
      if (observedL.containsKey(pe)) {
        shared.add(pe);
      }
    }
    int sharedAt = 0;
    String nextShared = shared.isEmpty() ? null : shared.get(sharedAt++);
    Set<String> mergedR = new HashSet<>();
    ArrayNode out = Json.NODES.arrayNode();
    int li = 0;
    int ri = 0;
    while (li < lPes.size() || ri < rPes.size()) {
      if (li < lPes.size() && ri < rPes.size()) {
        String pe = lPes.get(li);
        if (pe.equals(rPes.get(ri))) {
          mergedR.add(pe);
          add(out, item(observedL.get(pe), observedR.get(pe)));
          li++;
          ri++;
          nextShared = sharedAt < shared.size() ? shared.get(sharedAt++) : null;
          continue;
        }
        if (observedR.containsKey(pe) && nextShared != null && !nextShared.equals(pe)) {
          li++;
          continue;
        }
      }
      if (li < lPes.size()) {
        String pe = lPes.get(li);
        if (!observedR.containsKey(pe)) {
          add(out, observedL.get(pe).value().deepCopy());
          li++;
          continue;
        } else if (mergedR.contains(pe)) {
          li++;
          continue;
        }
      }
      if (ri < rPes.size()) {
        String pe = rPes.get(ri);
        mergedR.add(pe);
        add(out, item(observedL.get(pe), observedR.get(pe)));
        ri++;
        if (pe.equals(nextShared)) {
          nextShared = sharedAt < shared.size() ? shared.get(sharedAt++) : null;
        }
      }
    }
    return out;
  }

  private static JsonNode item(FieldWalk.Child l, FieldWalk.Child r) {
    return merge(l == null ? null : l.value(), r.value(), r.schema());
  }

  private static void add(ArrayNode out, JsonNode v) {
    if (v != null) {
      out.add(v);
    }
  }
}
