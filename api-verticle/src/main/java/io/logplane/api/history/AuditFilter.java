package io.logplane.api.history;

import io.logplane.projections.Audit;
import io.logplane.projections.Key;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What an {@code auditevents} list asks for: field selector terms ({@code user}, {@code verb},
 * {@code resource}, {@code group}, {@code namespace}, {@code name}, {@code outcome} =
 * accepted|rejected) and a time range, tested on the stored audit entries.
 */
public final class AuditFilter implements Predicate<Audit> {

  public static final Set<String> FIELDS = Set.of("user", "verb", "resource", "group", "namespace", "name",
      "outcome", "metadata.name");

  private final Terms terms;
  private final long since;
  private final long until;

  public AuditFilter(String fieldSelector, long since, long until) {
    this.terms = Terms.parse(fieldSelector, FIELDS);
    this.since = since;
    this.until = until;
    terms.required("outcome").ifPresent(o -> {
      if (!o.equals("accepted") && !o.equals("rejected")) {
        throw io.logplane.api.http.ApiException.badRequest("outcome must be accepted or rejected, not " + o);
      }
    });
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
    return a.time() >= since && a.time() <= until && terms.test("user", a.actor()) && terms.test("verb", a.verb())
        && terms.test("resource", k.resource()) && (group.isEmpty() ? terms.test("group", "") : terms.testGroup(
        "group", group)) && terms.test("namespace", k.namespace()) && terms.test("name", k.name())
        && terms.test("outcome", a.accepted() ? "accepted" : "rejected")
        && terms.test("metadata.name", Long.toString(a.offset()));
  }
}
