package io.logplane.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** Path elements in FieldsV1 spelling, and their human form for conflict messages. */
final class FieldPaths {

  private FieldPaths() {}

  static String field(String name) {
    return "f:" + name;
  }

  /**
   * The element naming one item of a list: {@code k:{...}} for keyed lists (key fields sorted by
   * name, omitted ones taken from kube's defaults), {@code v:<json>} for sets.
   *
   * @param strict when false (live objects) an item without its key falls back to {@code i:n}
   *               instead of failing, so a stored object never blocks a write
   */
  static String item(JsonNode item, int index, TypeSchema list, boolean strict) {
    if (list.listKind() == TypeSchema.ListKind.SET) {
      return "v:" + Json.text(item);
    }
    TreeMap<String, JsonNode> key = new TreeMap<>();
    for (String k : list.keys()) {
      JsonNode v = item.isObject() ? item.get(k) : null;
      if (v == null || v.isNull()) {
        String dflt = TypeSchema.KEY_DEFAULTS.get(k);
        if (dflt == null) {
          if (strict) {
            throw PatchException.invalid("associative list with keys has an element that omits key field \""
                + k + "\" (and doesn't have default value)");
          }
          return "i:" + index;
        }
        v = Json.NODES.textNode(dflt);
      }
      key.put(k, v);
    }
    ObjectNode o = Json.object();
    key.forEach(o::set);
    return "k:" + Json.text(o);
  }

  /** Kube's rendering of a path: {@code .spec.containers[name="web"].image}. */
  static String describe(List<String> path) {
    StringBuilder b = new StringBuilder();
    for (String pe : path) {
      String rest = pe.substring(2);
      switch (pe.charAt(0)) {
        case 'f' -> b.append('.').append(rest);
        case 'v' -> b.append("[=").append(rest).append(']');
        case 'i' -> b.append('[').append(rest).append(']');
        default -> b.append(describeKey(rest));
      }
    }
    return b.toString();
  }

  private static String describeKey(String json) {
    StringJoiner j = new StringJoiner(",", "[", "]");
    try {
      JsonNode o = Json.MAPPER.readTree(json);
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        j.add(e.getKey() + "=" + Json.text(e.getValue()));
      }
    } catch (java.io.IOException e) {
      return "[" + json + "]";
    }
    return j.toString();
  }
}
