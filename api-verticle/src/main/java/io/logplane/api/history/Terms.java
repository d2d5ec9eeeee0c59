package io.logplane.api.history;

import io.logplane.api.http.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code fieldSelector} over the fields a history resource offers: comma-separated
 * {@code f=v}, {@code f==v} or {@code f!=v} terms, ANDed. Values may escape {@code \,}.
 * {@code versions} and {@code auditevents} take the same field names ({@link #FIELDS}), so a
 * selector written for one works on the other.
 */
public final class Terms {

  /**
   * The fields both history resources select on. {@code resource}, {@code group},
   * {@code namespace}, {@code name} and their {@code target.} forms are the same; so are
   * {@code user} and {@code actor}. {@code resource} takes {@code deployments.apps} as the
   * tables print it. {@code since} and {@code until} bound the time as the parameters do.
   */
  public static final Set<String> FIELDS = Set.of("resource", "group", "namespace", "name", "target.resource",
      "target.group", "target.namespace", "target.name", "user", "actor", "verb", "type", "outcome", "since",
      "until", "metadata.name", "metadata.namespace");

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
        throw ApiException.badRequest("fieldSelector: field label not supported: " + t.field() + " (supported: "
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
    throw ApiException.badRequest("fieldSelector: invalid selector: '" + expr + "'; can't understand '" + part + "'");
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

  /** As {@link #test}, on any of the fields (names of one thing). */
  public boolean test(List<String> fields, String actual) {
    return fields.stream().allMatch(f -> test(f, actual));
  }

  /** As {@link #test}, ignoring case ({@code type=rejected}, {@code outcome=Rejected}). */
  public boolean testIgnoreCase(String field, String actual) {
    for (Term t : terms) {
      if (t.field().equals(field) && t.value().equalsIgnoreCase(actual) != t.equal()) {
        return false;
      }
    }
    return true;
  }

  /**
   * As {@link #test}, for a resource on any of the fields: a value with a dot names the
   * resource and its group as the tables print them ({@code deployments.apps}).
   */
  public boolean testResource(List<String> fields, String resource, String storageGroup) {
    for (Term t : terms) {
      if (fields.contains(t.field())) {
        int dot = t.value().indexOf('.');
        boolean same = dot < 0 ? t.value().equals(resource) : t.value().substring(0, dot).equals(resource)
            && storageGroup(t.value().substring(dot + 1)).equals(storageGroup);
        if (same != t.equal()) {
          return false;
        }
      }
    }
    return true;
  }

  /** The values of the terms on field, each checked: only {@code =} terms, values among allowed (any case). */
  public List<String> values(String field, List<String> allowed) {
    List<String> out = new ArrayList<>();
    for (Term t : terms) {
      if (!t.field().equals(field)) {
        continue;
      }
      if (!t.equal() && (field.equals("since") || field.equals("until"))) {
        throw ApiException.badRequest("fieldSelector: " + field + " takes = only, as a time bound");
      }
      if (allowed != null && allowed.stream().noneMatch(a -> a.equalsIgnoreCase(t.value()))) {
        throw ApiException.badRequest("fieldSelector: " + field + ": Unsupported value: \"" + t.value()
            + "\": supported values: " + String.join(", ", allowed));
      }
      out.add(t.value());
    }
    return out;
  }

  /** The later of a since parameter and the selector's {@code since} terms, epoch ms. */
  public long since(long param) {
    long s = param;
    for (String v : values("since", null)) {
      s = Math.max(s, Times.parse("fieldSelector", v, Long.MIN_VALUE));
    }
    return s;
  }

  /** The earlier of an until parameter and the selector's {@code until} terms, epoch ms. */
  public long until(long param) {
    long u = param;
    for (String v : values("until", null)) {
      u = Math.min(u, Times.parse("fieldSelector", v, Long.MAX_VALUE));
    }
    return u;
  }

  /** The resource of an {@code =} term on any of the fields, without a printed group. */
  public Optional<String> resource(List<String> fields) {
    return fields.stream().map(this::required).flatMap(Optional::stream).findFirst()
        .map(v -> v.indexOf('.') < 0 ? v : v.substring(0, v.indexOf('.')));
  }

  /** The storage group of an {@code =} group term, or of a printed {@code resource.group} term. */
  public Optional<String> group(List<String> groupFields, List<String> resourceFields) {
    Optional<String> g = groupFields.stream().map(this::required).flatMap(Optional::stream).findFirst();
    if (g.isPresent()) {
      return g.map(Terms::storageGroup);
    }
    return resourceFields.stream().map(this::required).flatMap(Optional::stream).filter(v -> v.indexOf('.') > 0)
        .findFirst().map(v -> storageGroup(v.substring(v.indexOf('.') + 1)));
  }

  /** {@code core} for the legacy group, the group otherwise. */
  public static String storageGroup(String group) {
    return group == null || group.isEmpty() ? "core" : group;
  }
}
