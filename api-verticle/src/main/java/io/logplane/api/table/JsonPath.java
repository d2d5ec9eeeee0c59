package io.logplane.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSONPath subset CRD printer columns use: {@code .a.b}, {@code .a[0]}, {@code .a[*]},
 * {@code ['dotted.key']} and filters {@code [?(@.type=="Ready")]} with {@code ==} or
 * {@code !=}. Missing keys yield no result, as kube's {@code AllowMissingKeys(true)} does.
 */
final class JsonPath {

  private final String expression;
  private final List<String> steps;

  private JsonPath(String expression, List<String> steps) {
    this.expression = expression;
    this.steps = steps;
  }

  /**
   * Compiles a path such as {@code .status.conditions[?(@.type=="Ready")].status}.
   *
   * @throws IllegalArgumentException when the path is outside the supported subset
   */
  static JsonPath compile(String expression) {
    String p = expression.trim();
    if (p.startsWith("{") && p.endsWith("}")) {
      p = p.substring(1, p.length() - 1);
    }
    if (p.startsWith("$")) {
      p = p.substring(1);
    }
    List<String> steps = new ArrayList<>();
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
          end++;
        }
        if (end == i + 1) {
          throw new IllegalArgumentException("unrecognized column definition " + expression);
        }
        steps.add("." + p.substring(i + 1, end));
        i = end;
      } else if (c == '[') {
        int end = closing(p, i);
        if (end < 0) {
          throw new IllegalArgumentException("unrecognized column definition " + expression);
        }
        steps.add(p.substring(i, end + 1));
        i = end + 1;
      } else {
        throw new IllegalArgumentException("unrecognized column definition " + expression);
      }
    }
    return new JsonPath(expression, List.copyOf(steps));
  }

  private static int closing(String p, int open) {
    char quote = 0;
    for (int i = open + 1; i < p.length(); i++) {
      char c = p.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == ']') {
        return i;
      }
    }
    return -1;
  }

  /** Every node the path reaches from {@code root}, in document order. */
  List<JsonNode> find(JsonNode root) {
    List<JsonNode> current = List.of(root);
    for (String step : steps) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode n : current) {
        apply(step, n, next);
      }
      current = next;
    }
    return current;
  }

  private static void apply(String step, JsonNode n, List<JsonNode> out) {
    if (step.startsWith(".")) {
      add(n.get(step.substring(1)), out);
      return;
    }
    String inner = step.substring(1, step.length() - 1).trim();
    if (inner.equals("*")) {
      n.forEach(out::add);
    } else if (inner.startsWith("'") || inner.startsWith("\"")) {
      add(n.get(inner.substring(1, inner.length() - 1)), out);
    } else if (inner.startsWith("?(") && inner.endsWith(")")) {
      Filter f = Filter.parse(inner.substring(2, inner.length() - 1));
      for (JsonNode item : n) {
        if (f.test(item)) {
          out.add(item);
        }
      }
    } else if (inner.matches("-?\\d+") && n.isArray()) {
      int idx = Integer.parseInt(inner);
      add(n.get(idx < 0 ? n.size() + idx : idx), out);
    }
  }

  private static void add(JsonNode n, List<JsonNode> out) {
    if (n != null && !n.isNull()) {
      out.add(n);
    }
  }

  /** A filter {@code @.path op literal}. */
  private record Filter(JsonPath path, boolean equal, String literal) {
    static Filter parse(String s) {
      int at = s.indexOf("==");
      boolean eq = at >= 0;
      if (!eq) {
        at = s.indexOf("!=");
      }
      if (at < 0 || !s.trim().startsWith("@")) {
        throw new IllegalArgumentException("unsupported filter " + s);
      }
      String lhs = s.substring(0, at).trim().substring(1);
      String rhs = s.substring(at + 2).trim();
      if (rhs.length() >= 2 && (rhs.charAt(0) == '"' || rhs.charAt(0) == '\'')) {
        rhs = rhs.substring(1, rhs.length() - 1);
      }
      return new Filter(compile(lhs), eq, rhs);
    }

    boolean test(JsonNode item) {
      List<JsonNode> found = path.find(item);
      boolean same = !found.isEmpty() && found.get(0).isValueNode() && found.get(0).asText().equals(literal);
      return equal == same;
    }
  }

  @Override
  public String toString() {
    return expression;
  }
}
