package io.logplane.api.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logplane.projections.Audit;
import io.logplane.projections.RocksStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A query with {@code since} starts at the first record of that time, found by binary search. */
class AuditQuerySinceTest {

  @TempDir
  Path dir;

  @Test
  void sinceStartsNearTheFirstMatchingRecord() {
    try (RocksStore store = RocksStore.open(dir)) {
      List<Audit> audits = new ArrayList<>();
      for (long offset = 0; offset < 1000; offset++) {
        // one record per second
        audits.add(new Audit(offset, 1_000_000L + offset * 1000, "u", "r" + offset, "create",
            "core/configmaps/default/c" + offset, true, 201, "", "", 1));
      }
      store.commit(999, Map.of(), List.of(), audits);
      AuditQuery q = new AuditQuery(store);
      assertEquals(0, q.firstAtOrAfter(Long.MIN_VALUE, 999));
      // the 60 s skew margin: starts a minute before the first match
      assertEquals(440, q.firstAtOrAfter(1_000_000L + 500 * 1000, 999));
      assertEquals(0, q.firstAtOrAfter(0, 999));
      assertEquals(1000, q.firstAtOrAfter(Long.MAX_VALUE / 2, 999));
      Page page = q.list(new AuditFilter(null, 1_000_000L + 500 * 1000, Long.MAX_VALUE), null, 10);
      assertEquals(10, page.items().size());
      assertEquals("500", page.items().get(0).path("metadata").path("name").asText());
    }
  }
}
