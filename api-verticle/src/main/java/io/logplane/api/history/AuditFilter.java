package io.logplane.api.history;

import io.logplane.api.http.ApiException;
import io.logplane.projections.Audit;
import io.logplane.projections.Key;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What an {@code auditevents} list asks for: field selector terms ({@link Terms#FIELDS}, as
 * {@code versions} takes them) and a time range, tested on the stored audit entries. An entry
 * knows whether its request was refused but not what an accepted one changed, so {@code type}
 * takes only {@code REJECTED} here; {@code versions} has the change types.
 */
public final class AuditFilter implements Predicate<Audit> {

  public static final Set<String> FIELDS = Terms.FIELDS;

  private final Terms terms;
  private final long since;
  private final long until;

  public AuditFilter(String fieldSelector, long since, long until) {
    this.terms = Terms.parse(fieldSelector, FIELDS);
    terms.values("outcome", VersionFilter.OUTCOMES);
    for (String t : terms.values("type", VersionFilter.TYPES)) {
      if (!t.equalsIgnoreCase("REJECTED")) {
        throw ApiException.badRequest("fieldSelector: type=" + t + " is not known to auditevents, which record"
            + " whether a request was refused but not what it changed: use type=REJECTED or outcome=, or list"
            + " versions for the change types");
      }
    }
    this.since = terms.since(since);
    this.until = terms.until(until);
  }

  /** The earliest time an entry may have, epoch ms (Long.MIN_VALUE when unbounded). */
  public long since() {
    return since;
  }

  /** The latest time an entry may have, epoch ms (Long.MAX_VALUE when unbounded). */
  public long until() {
    return until;
  }

  @Override
  public boolean test(Audit a) {
    Key k = a.key().isEmpty() ? new Key("", "", "", "") : Key.parse(a.key());
    String group = k.group().isEmpty() ? "" : k.group();
    return a.time() >= since && a.time() <= until && terms.test(VersionFilter.USER, a.actor())
        && terms.test("verb", a.verb()) && terms.testResource(VersionFilter.RESOURCE, k.resource(), group)
        && VersionFilter.GROUP.stream().allMatch(g -> group.isEmpty() ? terms.test(g, "") : terms.testGroup(g, group))
        && terms.test(VersionFilter.NAMESPACE, k.namespace()) && terms.test(VersionFilter.NAME, k.name())
        && terms.testIgnoreCase("outcome", a.accepted() ? "accepted" : "rejected")
        && terms.testIgnoreCase("type", a.accepted() ? "" : "REJECTED")
        && terms.test("metadata.name", Long.toString(a.offset()));
  }
}
