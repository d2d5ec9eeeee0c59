package io.logplane.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.selectors.LabelSelector;
import io.logplane.selectors.SelectorException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reading objects the way the printers need, and kube's small formatting helpers. */
final class Cells {

  static final String NONE = "<none>";

  private Cells() {}

  /** The node at a path; a missing node when any step is absent. */
  static JsonNode at(JsonNode o, String... path) {
    JsonNode n = o;
    for (String p : path) {
      n = n.path(p);
    }
    return n;
  }

  /** The text at a path, "" when absent (Go's zero value). */
  static String str(JsonNode o, String... path) {
    JsonNode n = at(o, path);
    return n.isValueNode() && !n.isNull() ? n.asText() : "";
  }

  /** The integer at a path, 0 when absent. */
  static long num(JsonNode o, String... path) {
    return at(o, path).asLong(0);
  }

  /** The object's name. */
  static String name(JsonNode o) {
    return str(o, "metadata", "name");
  }

  /** The Age cell: creation time as a human duration. */
  static String age(JsonNode o, long now) {
    return Durations.since(str(o, "metadata", "creationTimestamp"), now);
  }

  /** {@code labels.FormatLabels}: sorted {@code k=v} pairs, or {@code <none>}. */
  static String labels(JsonNode map) {
    Map<String, String> sorted = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      sorted.put(e.getKey(), e.getValue().asText());
    }
    if (sorted.isEmpty()) {
      return NONE;
    }
    List<String> parts = new ArrayList<>();
    sorted.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(",", parts);
  }

  /** {@code metav1.FormatLabelSelector}: the selector's string form, {@code <none>} or {@code <error>}. */
  static String selector(JsonNode sel) {
    String s = selectorString(sel);
    return s == null ? "<error>" : s.isEmpty() ? NONE : s;
  }

  /** The selector's string form ("" for none), or null when it does not convert. */
  static String selectorString(JsonNode sel) {
    try {
      return LabelSelector.fromJson(sel.isMissingNode() ? null : sel).toString();
    } catch (SelectorException e) {
      return null;
    }
  }

  /** Container names and images of a pod spec, each comma-joined (kube's layoutContainerCells). */
  static List<Object> containers(JsonNode podSpec) {
    List<String> names = new ArrayList<>();
    List<String> images = new ArrayList<>();
    for (JsonNode c : podSpec.path("containers")) {
      names.add(str(c, "name"));
      images.add(str(c, "image"));
    }
    return List.of(String.join(",", names), String.join(",", images));
  }

  /** Up to {@code max} items joined by commas, then {@code + N more...} (kube's list-with-more). */
  static String withMore(List<String> items, int max, String empty) {
    if (items.size() > max) {
      return String.join(",", items.subList(0, max)) + " + " + (items.size() - max) + " more...";
    }
    return items.isEmpty() ? empty : String.join(",", items);
  }

  /** Joins text values of an array node. */
  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
