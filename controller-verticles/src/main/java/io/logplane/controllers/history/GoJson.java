package io.logplane.controllers.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The bytes Go's {@code json.Marshal} writes for a decoded JSON tree ({@code map[string]any}):
 * keys sorted, no spaces, {@code <>&} and the two line separators escaped. A revision's hash is
 * taken over these bytes, so the same template hashes as kube hashes it.
 */
final class GoJson {

  private GoJson() {}

  static byte[] bytes(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(JsonNode n, StringBuilder out) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      out.append("null");
    } else if (n.isObject()) {
      List<String> keys = new ArrayList<>();
      n.fieldNames().forEachRemaining(keys::add);
      Collections.sort(keys);
      out.append('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        string(keys.get(i), out);
        out.append(':');
        write(n.get(keys.get(i)), out);
      }
      out.append('}');
    } else if (n.isArray()) {
      out.append('[');
      for (int i = 0; i < n.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(n.get(i), out);
      }
      out.append(']');
    } else if (n.isTextual()) {
      string(n.asText(), out);
    } else if (n.isNumber()) {
      // decoded into a float64 by Go: integral values print without a fraction
      BigDecimal d = n.decimalValue().stripTrailingZeros();
      out.append(d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString());
    } else {
      out.append(n.asText());
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
