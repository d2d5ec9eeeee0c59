package io.logplane.selectors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A field selector ({@code fieldSelector} query parameter): comma-separated {@code f=v},
 * {@code f==v} or {@code f!=v} terms, ANDed, over the fields the kind supports. Values may
 * escape {@code \,}, {@code \=} and {@code \\}. Immutable and thread-safe.
 */
public final class FieldSelector {

  /** One term: the field, whether it must equal or differ, and the value. */
  public record Term(String field, boolean equal, String value) {
    /** The term as kube's {@code fields.Selector.String()} writes it: the value escaped, so it parses back. */
    @Override
    public String toString() {
      return field + (equal ? "=" : "!=") + value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
    }
  }

  private final List<Term> terms;
  private final List<Function<JsonNode, String>> readers;

  private FieldSelector(List<Term> terms, List<Function<JsonNode, String>> readers) {
    this.terms = List.copyOf(terms);
    this.readers = List.copyOf(readers);
  }

  /** The selector that selects everything. */
  public static FieldSelector everything() {
    return new FieldSelector(List.of(), List.of());
  }

  /**
   * Parses a field selector for a kind.
   *
   * @param kind the object kind ({@code Pod}, {@code Event}...); unknown kinds (custom
   *             resources) support metadata.name and metadata.namespace only
   * @param expr the selector; null or empty selects everything
   * @throws SelectorException with kube's message on bad syntax or an unsupported field
   */
  public static FieldSelector parse(String kind, String expr) {
    return parse("", kind, expr);
  }

  /**
   * Parses a field selector for a kind of a group: the fields of a kind served through two
   * groups may differ by group (events.k8s.io/v1 Events select {@code regarding.name} where
   * core/v1's select {@code involvedObject.name}); the objects read are the stored ones.
   *
   * @param group the API group; empty for the core group
   */
  public static FieldSelector parse(String group, String kind, String expr) {
    if (expr == null || expr.isEmpty()) {
      return everything();
    }
    FieldLabels.Fields fields = FieldLabels.forKind(group, kind);
    List<String> parts = splitTerms(expr);
    Collections.sort(parts); // kube sorts the terms before parsing them
    List<Term> terms = new ArrayList<>();
    List<Function<JsonNode, String>> readers = new ArrayList<>();
    for (String part : parts) {
      if (part.isEmpty()) {
        continue;
      }
      Term t = splitTerm(expr, part);
      Function<JsonNode, String> reader = fields.readers().get(t.field());
      if (reader == null) {
        throw new SelectorException(fields.unsupported(t.field()));
      }
      terms.add(t);
      readers.add(reader);
    }
    return new FieldSelector(terms, readers);
  }

  private static List<String> splitTerms(String s) {
    List<String> out = new ArrayList<>();
    int start = 0;
    boolean escaped = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == ',') {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out;
  }

  private static Term splitTerm(String selector, String term) {
    for (int i = 0; i < term.length(); i++) {
      String rest = term.substring(i);
      for (String op : new String[] {"!=", "==", "="}) {
        if (rest.startsWith(op)) {
          return new Term(term.substring(0, i), !op.equals("!="), unescape(term.substring(i + op.length())));
        }
      }
    }
    throw new SelectorException("invalid selector: '" + selector + "'; can't understand '" + term + "'");
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    boolean escaped = false;
    for (char c : s.toCharArray()) {
      if (escaped) {
        if (c != '\\' && c != ',' && c != '=') {
          throw new SelectorException("invalid field selector: invalid escape sequence: \\" + c);
        }
        b.append(c);
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == ',' || c == '=') {
        throw new SelectorException("invalid field selector: unescaped character in value: " + c);
      } else {
        b.append(c);
      }
    }
    if (escaped) {
      throw new SelectorException("invalid field selector: invalid escape sequence: \\");
    }
    return b.toString();
  }

  /** True when the object has every field value the terms require. */
  public boolean matches(JsonNode object) {
    for (int i = 0; i < terms.size(); i++) {
      Term t = terms.get(i);
      if (readers.get(i).apply(object).equals(t.value()) != t.equal()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The value a field must equal, when a term requires one (so the server can narrow a scan to
   * one namespace or one name). Empty for {@code !=} terms and fields not selected on.
   */
  public Optional<String> requiredValue(String field) {
    // spec.host is the old name of spec.nodeName, still accepted from old clients
    String alias = "spec.nodeName".equals(field) ? "spec.host" : field;
    return terms.stream()
        .filter(t -> t.equal() && (t.field().equals(field) || t.field().equals(alias)))
        .map(Term::value)
        .findFirst();
  }

  /** True when the selector does not restrict anything. */
  public boolean isEverything() {
    return terms.isEmpty();
  }

  /** The terms in the sorted order kube evaluates them. */
  public List<Term> terms() {
    return terms;
  }

  @Override
  public String toString() {
    return terms.stream().map(Term::toString).collect(Collectors.joining(","));
  }
}
