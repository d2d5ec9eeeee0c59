package io.logplane.api.history;

import io.logplane.api.http.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code fieldSelector} over the fields a history resource offers: comma-separated
 * {@code f=v}, {@code f==v} or {@code f!=v} terms, ANDed. Values may escape {@code \,}.
 */
public final class Terms {

  /** One term. */
  public record Term(String field, boolean equal, String value) {}

  private final List<Term> terms;

  private Terms(List<Term> terms) {
    this.terms = List.copyOf(terms);
  }

  /**
   * Parses a selector.
   *
   * @throws ApiException 400 on bad syntax or a field outside {@code allowed}
   */
  public static Terms parse(String expr, Set<String> allowed) {
    List<Term> out = new ArrayList<>();
    if (expr == null || expr.isBlank()) {
      return new Terms(out);
    }
    for (String part : split(expr)) {
      if (part.isBlank()) {
        continue;
      }
      Term t = term(expr, part.trim());
      if (!allowed.contains(t.field())) {
        throw ApiException.badRequest("field label not supported: " + t.field() + " (supported: "
            + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
      out.add(t);
    }
    return new Terms(out);
  }

  private static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        cur.append(s.charAt(++i));
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  private static Term term(String expr, String part) {
    int ne = part.indexOf("!=");
    int eq = part.indexOf('=');
    if (ne > 0 && ne < eq) {
      return new Term(part.substring(0, ne).trim(), false, part.substring(ne + 2).trim());
    }
    if (eq > 0) {
      int skip = part.startsWith("==", eq) ? 2 : 1;
      return new Term(part.substring(0, eq).trim(), true, part.substring(eq + skip).trim());
    }
    throw ApiException.badRequest("invalid selector: '" + expr + "'; can't understand '" + part + "'");
  }

  /** The value a field must equal, when an {@code =} term names it. */
  public Optional<String> required(String field) {
    return terms.stream().filter(t -> t.equal() && t.field().equals(field)).map(Term::value).findFirst();
  }

  /** True when every term on field holds for the actual value (fields not selected on hold). */
  public boolean test(String field, String actual) {
    for (Term t : terms) {
      if (t.field().equals(field) && t.value().equals(actual) != t.equal()) {
        return false;
      }
    }
    return true;
  }

  /** As {@link #test}, for a group: {@code core} and the empty string both name the legacy group. */
  public boolean testGroup(String field, String storageGroup) {
    for (Term t : terms) {
      if (t.field().equals(field) && storageGroup(t.value()).equals(storageGroup) != t.equal()) {
        return false;
      }
    }
    return true;
  }

  /** {@code core} for the legacy group, the group otherwise. */
  public static String storageGroup(String group) {
    return group == null || group.isEmpty() ? "core" : group;
  }
}
