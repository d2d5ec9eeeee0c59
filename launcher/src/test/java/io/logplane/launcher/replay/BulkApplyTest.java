package io.logplane.launcher.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logplane.events.Codec;
import io.logplane.events.LogEntry;
import io.logplane.events.Record;
import io.logplane.projections.Applier;
import io.logplane.projections.Outcome;
import io.logplane.projections.RocksStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk path of a replay (a small cross-batch cache that must evict, parallel encoding,
 * large batches, a store without WAL) builds the same bytes as the live projection's path
 * (small batches, no cache), and the synthetic history is accepted record for record.
 */
class BulkApplyTest {

  @TempDir Path dir;

  private static List<byte[]> history(int records) {
    SyntheticHistory h = new SyntheticHistory(1, 700, 3, 0, 1_700_000_000_000L);
    List<byte[]> out = new ArrayList<>();
    h.namespaces().forEach(r -> out.add(Codec.encode(r)));
    while (out.size() < records) {
      out.add(Codec.encode(h.next()));
    }
    return out;
  }

  private static long apply(Applier applier, List<byte[]> log, int batch) {
    long accepted = 0;
    for (int from = 0; from < log.size(); from += batch) {
      List<LogEntry> entries = new ArrayList<>();
      for (int i = from; i < Math.min(log.size(), from + batch); i++) {
        entries.add(new LogEntry(i, Codec.decode(log.get(i))));
      }
      for (var v : applier.apply(entries).verdicts()) {
        accepted += v.outcome() instanceof Outcome.Accepted ? 1 : 0;
      }
    }
    return accepted;
  }

  @Test
  void bulkAndLivePathsBuildIdenticalStores() {
    List<byte[]> log = history(12_000);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try (RocksStore live = RocksStore.open(dir.resolve("live"));
        RocksStore bulk = RocksStore.openForRebuild(dir.resolve("bulk"))) {
      long a = apply(new Applier(live, Replay.machine()), log, 100);
      long b = apply(new Applier(bulk, Replay.machine(), 300, pool, 4), log, 4096);
      bulk.flush();
      assertEquals(log.size(), a);
      assertEquals(a, b);
      assertEquals(log.size() - 1, bulk.appliedOffset());
      assertArrayEquals(live.hash(), bulk.hash());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void syntheticHistoryMixesCreatesUpdatesAndDeletes() {
    SyntheticHistory h = new SyntheticHistory(3, 50, 2, 2, 0);
    int creates = 0;
    int updates = 0;
    int deletes = 0;
    for (int i = 0; i < 5000; i++) {
      Record r = h.next();
      creates += r instanceof Record.Create ? 1 : 0;
      updates += r instanceof Record.Update ? 1 : 0;
      deletes += r instanceof Record.Delete ? 1 : 0;
    }
    assertEquals(5000, creates + updates + deletes);
    assertEquals(true, creates > 50 && deletes > 50 && updates > 4000, creates + "/" + updates + "/" + deletes);
  }
}
