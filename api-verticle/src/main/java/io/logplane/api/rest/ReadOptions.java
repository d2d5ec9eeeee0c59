package io.logplane.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.http.Query;
import io.logplane.projections.Json;
import io.logplane.selectors.FieldSelector;
import io.logplane.selectors.LabelSelector;
import io.logplane.selectors.SelectorException;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/**
 * The query parameters of a read (get, list, watch, and deletecollection's selectors), parsed
 * and checked before the read starts: every value a client got wrong is a 400 naming its
 * parameter. Pure, so that a test can throw any query at it.
 *
 * @param selectors         the label and field selectors as one test, or null for everything
 * @param limit             the page size ({@link Integer#MAX_VALUE} when unlimited)
 * @param continueStart     the key after which a continued list starts, or null
 * @param continueVersion   the version a continued list reads at, or -1
 * @param resourceVersion   the {@code resourceVersion} parameter: -1 when absent
 * @param exact             the version of {@code resourceVersionMatch=Exact}, or -1
 * @param watch             a watch instead of a list
 * @param timeoutSeconds    how long a watch lasts, or -1 for the server's default
 * @param bookmarks         {@code allowWatchBookmarks}
 * @param initialEvents     {@code sendInitialEvents}, or null when absent
 */
public record ReadOptions(Predicate<JsonNode> selectors, int limit, String continueStart, long continueVersion,
    long resourceVersion, long exact, boolean watch, long timeoutSeconds, boolean bookmarks, Boolean initialEvents) {

  static final List<String> MATCHES = List.of("Exact", "NotOlderThan");

  /** Parses the read parameters of a request on a resource of the given kind of the core group. */
  public static ReadOptions parse(Query q, String kind) {
    return parse(q, "", kind);
  }

  /**
   * Parses the read parameters of a request on a resource: its group and kind say which fields
   * a field selector may name (events.k8s.io's Events have names of their own).
   */
  public static ReadOptions parse(Query q, io.logplane.api.resources.ResourceType type) {
    return parse(q, type.group(), type.kind());
  }

  private static ReadOptions parse(Query q, String group, String kind) {
    Predicate<JsonNode> selectors = selectors(q, group, kind);
    long limit = q.integer("limit", 0);
    String token = q.get("continue");
    JsonNode cont = token == null || token.isEmpty() ? null : token(token);
    long rv = resourceVersion(q);
    long exact = exact(q, rv);
    long timeout = q.integer("timeoutSeconds", -1);
    if (q.get("timeoutSeconds") != null && !q.get("timeoutSeconds").isEmpty() && timeout < 0) {
      throw Query.invalid("timeoutSeconds", q.get("timeoutSeconds"), "must be zero or more");
    }
    return new ReadOptions(selectors, limit <= 0 || limit > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) limit,
        cont == null ? null : cont.get("start").asText(), cont == null ? -1 : cont.get("rv").asLong(), rv, exact,
        q.option("watch"), timeout, q.option("allowWatchBookmarks"), q.optional("sendInitialEvents"));
  }

  /** The label and field selectors as one test; null when both select everything. */
  static Predicate<JsonNode> selectors(Query q, String group, String kind) {
    LabelSelector labels = selector(q, "labelSelector", v -> LabelSelector.parse(v));
    FieldSelector fields = selector(q, "fieldSelector", v -> FieldSelector.parse(group, kind, v));
    if (labels == null && fields == null) {
      return null;
    }
    return o -> (labels == null || labels.matches(o.path("metadata").get("labels")))
        && (fields == null || fields.matches(o));
  }

  private static <T> T selector(Query q, String name, java.util.function.Function<String, T> parse) {
    String v = q.get(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return parse.apply(v);
    } catch (SelectorException e) {
      throw Query.invalid(name, v, e.getMessage());
    }
  }

  /** The {@code resourceVersion} parameter as a log offset; -1 when absent or empty. */
  public static long resourceVersion(Query q) {
    String v = q.get("resourceVersion");
    if (v == null || v.isEmpty()) {
      return -1;
    }
    try {
      long n = Long.parseLong(v);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw Query.invalid("resourceVersion", v, "must be a resourceVersion this server returned (a decimal"
        + " number)");
  }

  /**
   * The version of {@code resourceVersionMatch=Exact} (time travel), or -1 for the latest
   * state. NotOlderThan is the latest state once it reaches the version (the read barrier).
   */
  public static long exact(Query q, long resourceVersion) {
    String match = q.oneOf("resourceVersionMatch", MATCHES);
    if (match == null) {
      return -1;
    }
    if (resourceVersion < 0) {
      throw Query.forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden unless resourceVersion is"
          + " provided");
    }
    if (match.equals("NotOlderThan")) {
      return -1;
    }
    if (resourceVersion == 0) {
      throw Query.forbidden("resourceVersionMatch", "resourceVersionMatch \"Exact\" is forbidden for"
          + " resourceVersion \"0\"");
    }
    return resourceVersion;
  }

  private static JsonNode token(String token) {
    try {
      JsonNode t = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token));
      if (t != null && t.path("rv").canConvertToLong() && t.path("rv").isIntegralNumber()
          && t.path("start").isTextual()) {
        return t;
      }
    } catch (Exception e) {
      // the parser's message would tell the client nothing it can act on
    }
    throw Query.invalid("continue", token, "not a continue token of this server: pass the metadata.continue"
        + " of the previous page unchanged");
  }

  /** The test of an object against the selectors (true when there are none). */
  public boolean selects(JsonNode object) {
    return selectors == null || selectors.test(object);
  }
}
