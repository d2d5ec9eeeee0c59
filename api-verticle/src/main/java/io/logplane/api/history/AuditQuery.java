package io.logplane.api.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Audit;
import io.logplane.projections.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads audit entries from the store in windows of {@value VersionsQuery#WINDOW} log offsets,
 * so a page never scans more than a bounded part of the log; a page that ends at a window's
 * end without being full still carries a continue token when the log goes on.
 */
public final class AuditQuery {

  private static final long SKEW_MILLIS = 60_000;

  private final Store store;

  public AuditQuery(Store store) {
    this.store = store;
  }

  /** One page of {@code AuditEvent} items after cursor (null = from the start). */
  public Page list(AuditFilter filter, Cursor after, int limit) {
    return list(filter, after, limit, Long.MAX_VALUE);
  }

  /** As {@link #list(AuditFilter, Cursor, int)}, of the log as it was at offset atMost. */
  public Page list(AuditFilter filter, Cursor after, int limit, long atMost) {
    long applied = Math.min(store.appliedOffset(), atMost);
    long from = after == null ? firstAtOrAfter(filter.since(), applied) : after.offset() + 1;
    long to = Math.min(from + VersionsQuery.WINDOW - 1, Math.max(applied, from - 1));
    List<Audit> found = store.audits(from, to, filter, limit == Integer.MAX_VALUE ? limit : limit + 1);
    List<ObjectNode> items = new ArrayList<>();
    for (int i = 0; i < Math.min(limit, found.size()); i++) {
      items.add(AuditItems.item(found.get(i)));
    }
    String token = null;
    if (found.size() > limit) {
      token = new Cursor(found.get(limit - 1).offset(), "").token();
    } else if (to < applied) {
      token = new Cursor(to, "").token();
    }
    return new Page(applied, items, token);
  }

  /**
   * Visits every matching entry from the start of the log to the applied offset, (or to
   * atMost when that is earlier), window by window, at most max of them (the export streams
   * them as it goes).
   */
  public void each(AuditFilter filter, int max, long atMost, Consumer<Audit> sink) {
    long applied = Math.min(store.appliedOffset(), atMost);
    int left = max;
    for (long from = firstAtOrAfter(filter.since(), applied); from <= applied && left > 0;
        from += VersionsQuery.WINDOW) {
      List<Audit> found = store.audits(from, Math.min(applied, from + VersionsQuery.WINDOW - 1), filter, left);
      found.forEach(sink);
      left -= found.size();
    }
  }

  /**
   * The first offset whose record is at or after the time, by binary search: request times grow
   * with offsets (up to clock skew between API servers, which a small margin covers), so a
   * query with {@code since} starts near its first match instead of at the start of the log.
   */
  long firstAtOrAfter(long since, long applied) {
    if (since == Long.MIN_VALUE || applied < 0) {
      return 0;
    }
    long lo = 0;
    long hi = applied + 1;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      Audit a = store.audit(mid);
      if (a != null && a.time() < since - SKEW_MILLIS) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The item of the record at offset, or null. */
  public ObjectNode get(long offset) {
    Audit a = store.audit(offset);
    return a == null ? null : AuditItems.item(a);
  }
}
