package io.logplane.api.validation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.selectors.GoStrings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Values printed as Go's fmt prints them in kube-apiserver's field errors: strings with
 * {@code %q}, numbers and booleans with {@code %v}, string maps and lists with {@code %#v}
 * ({@code map[string]string{"a":"b"}}), so the messages read the same as there.
 */
public final class GoValues {

  private GoValues() {}

  public static String render(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof JsonNode n) {
      return node(n);
    }
    if (value instanceof CharSequence s) {
      return quote(s.toString());
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, String> sorted = new TreeMap<>();
      m.forEach((k, v) -> sorted.put(String.valueOf(k), String.valueOf(v)));
      return stringMap(sorted);
    }
    if (value instanceof Collection<?> c) {
      List<String> items = new ArrayList<>();
      c.forEach(i -> items.add(quote(String.valueOf(i))));
      return "[]string{" + String.join(", ", items) + "}";
    }
    return String.valueOf(value);
  }

  private static String node(JsonNode n) {
    if (n.isMissingNode() || n.isNull()) {
      return "null";
    }
    if (n.isTextual()) {
      return quote(n.textValue());
    }
    if (n.isValueNode()) {
      return n.asText();
    }
    if (n.isObject()) {
      Map<String, String> sorted = new TreeMap<>();
      n.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
      return stringMap(sorted);
    }
    List<Object> items = new ArrayList<>();
    n.forEach(i -> items.add(i.asText()));
    return render(items);
  }

  private static String stringMap(Map<String, String> sorted) {
    StringBuilder b = new StringBuilder("map[string]string{");
    int i = 0;
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      b.append(i++ > 0 ? ", " : "").append(quote(e.getKey())).append(':').append(quote(e.getValue()));
    }
    return b.append('}').toString();
  }

  /** Go's strconv.Quote: printable characters as they are, the rest escaped ({@link GoStrings#quote}). */
  public static String quote(String s) {
    return GoStrings.quote(s);
  }

  /** The length of a string in bytes, as Go's {@code len} counts it. */
  public static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
