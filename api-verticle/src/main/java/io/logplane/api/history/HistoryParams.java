package io.logplane.api.history;

import io.logplane.api.http.ApiException;
import io.logplane.api.http.Query;
import io.logplane.api.resources.ResourceType;
import io.logplane.api.rest.ReadOptions;
import io.logplane.selectors.LabelSelector;
import io.logplane.selectors.SelectorException;
import java.util.ArrayList;
import java.util.List;

/**
 * The query of a history request, checked whole before it runs: a parameter the endpoint would
 * ignore is refused with a 400 naming it, as is any value that does not parse. Pure, so that a
 * test can throw any query at it.
 *
 * @param since   epoch ms of the earliest entry ({@code since}), Long.MIN_VALUE when unbounded
 * @param until   epoch ms of the latest entry ({@code until}), Long.MAX_VALUE when unbounded
 * @param limit   the page size, {@link Integer#MAX_VALUE} when unlimited
 * @param after   where the page starts ({@code continue}), or null
 * @param fields  the {@code fieldSelector}, or null
 * @param labels  the {@code labelSelector} (versions only), or null
 * @param atMost  the history as it was at this offset ({@code resourceVersionMatch=Exact}), or
 *                Long.MAX_VALUE for all of it
 * @param export  {@code format=audit.k8s.io} (auditevents only)
 */
public record HistoryParams(long since, long until, int limit, Cursor after, String fields, LabelSelector labels,
    long atMost, boolean export) {

  private static final List<String> GET = List.of("resourceVersion", "includeObject", "watch", "pretty");
  private static final List<String> LIST = List.of("resourceVersion", "resourceVersionMatch", "includeObject",
      "watch", "fieldSelector", "since", "until", "limit", "continue", "pretty");

  /**
   * @param named true for a get of one item, false for a list
   * @throws ApiException 400 naming the first parameter that is not taken or does not parse
   */
  public static HistoryParams parse(Query q, ResourceType type, boolean named) {
    List<String> taken = new ArrayList<>(named ? GET : LIST);
    if (!named) {
      taken.add(type == HistoryTypes.VERSIONS ? "labelSelector" : "format");
    }
    for (String name : q.names()) {
      if (!taken.contains(name)) {
        throw Query.forbidden(name, why(name, type, named) + " (" + type.resource() + "." + HistoryTypes.GROUP
            + (named ? " get" : " list") + " takes " + String.join(", ", taken) + ")");
      }
    }
    long rv = ReadOptions.resourceVersion(q);
    long exact = ReadOptions.exact(q, rv);
    q.bool("watch", false);
    long limit = q.integer("limit", 0);
    String format = q.get("format");
    if (format != null && !format.equals("audit.k8s.io")) {
      throw Query.unsupported("format", format, List.of("audit.k8s.io"));
    }
    LabelSelector labels = null;
    String ls = q.get("labelSelector");
    if (ls != null && !ls.isBlank()) {
      try {
        labels = LabelSelector.parse(ls);
      } catch (SelectorException e) {
        throw Query.invalid("labelSelector", ls, e.getMessage());
      }
    }
    return new HistoryParams(Times.parse("since", q.get("since"), Long.MIN_VALUE),
        Times.parse("until", q.get("until"), Long.MAX_VALUE),
        limit <= 0 || limit > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) limit, Cursor.parse(q.get("continue")),
        q.get("fieldSelector"), labels, exact < 0 ? Long.MAX_VALUE : exact, format != null);
  }

  private static String why(String name, ResourceType type, boolean named) {
    if (name.equals("labelSelector") && type == HistoryTypes.AUDIT_EVENTS) {
      return "audit entries hold no object, so no labels to select on: select with fieldSelector (user, verb,"
          + " resource, namespace, name, outcome, since), or list versions with labelSelector";
    }
    if (name.equals("format")) {
      return "only auditevents lists export as audit.k8s.io";
    }
    if (named) {
      return "a get of one item takes no list options";
    }
    return "not supported on this list";
  }
}
