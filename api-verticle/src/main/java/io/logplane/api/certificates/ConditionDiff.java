package io.logplane.api.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.selectors.GoStrings;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Conditions compared as kube's semantic equality compares them (times as instants, absent as
 * empty), and the difference shown after "updates may not modify a condition" (kube prints a
 * go-cmp diff there; this is a plainer one: {@code -} old field, {@code +} new field).
 */
final class ConditionDiff {

  private static final List<String> TEXT = List.of("type", "status", "reason", "message");
  private static final List<String> TIMES = List.of("lastUpdateTime", "lastTransitionTime");

  private ConditionDiff() {}

  static boolean equal(List<JsonNode> a, List<JsonNode> b) {
    return diff(a, b).isEmpty();
  }

  /** One {@code -}/{@code +} pair per differing field of conditions at the same position. */
  static String diff(List<JsonNode> a, List<JsonNode> b) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      for (String f : TEXT) {
        String x = a.get(i).path(f).asText("");
        String y = b.get(i).path(f).asText("");
        if (!x.equals(y)) {
          line(out, i, f, GoStrings.quote(x), GoStrings.quote(y));
        }
      }
      for (String f : TIMES) {
        Instant x = CsrFields.time(a.get(i), f);
        Instant y = CsrFields.time(b.get(i), f);
        if (!Objects.equals(x, y)) {
          line(out, i, f, x == null ? "null" : CsrFields.format(x), y == null ? "null" : CsrFields.format(y));
        }
      }
    }
    return out.toString();
  }

  private static void line(StringBuilder out, int i, String field, String before, String after) {
    out.append("- [").append(i).append("].").append(field).append(": ").append(before).append('\n')
        .append("+ [").append(i).append("].").append(field).append(": ").append(after).append('\n');
  }
}
