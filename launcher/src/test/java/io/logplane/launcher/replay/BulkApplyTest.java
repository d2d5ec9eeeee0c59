package io.logplane.launcher.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logplane.events.Codec;
import io.logplane.events.Command;
import io.logplane.events.LogEntry;
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

  static List<byte[]> history(int records) {
    SyntheticHistory h = new SyntheticHistory(1, 700, 3, 0, 1_700_000_000_000L);
    List<byte[]> out = new ArrayList<>();
    h.namespaces().forEach(r -> out.add(Codec.encode(r)));
    while (out.size() < records) {
      out.add(Codec.encode(h.next()));
    }
    return out;
  }

  static long apply(Applier applier, List<byte[]> log, int batch) {
    return apply(applier, log, 0, log.size(), batch);
  }

  /** Applies the records of offsets [from, to) of the log in batches; returns how many were accepted. */
  static long apply(Applier applier, List<byte[]> log, int start, int end, int batch) {
    long accepted = 0;
    for (int from = start; from < end; from += batch) {
      List<LogEntry> entries = new ArrayList<>();
      for (int i = from; i < Math.min(end, from + batch); i++) {
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
      Applier bulkApplier = new Applier(bulk, Replay.machine(), 300, pool, 4);
      long b = apply(bulkApplier, log, 4096);
      bulkApplier.close();
      bulk.flush();
      assertEquals(log.size(), a);
      assertEquals(a, b);
      assertEquals(log.size() - 1, bulk.appliedOffset());
      assertArrayEquals(live.hash(), bulk.hash());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Rounds of: a namespace, an owner with dependents, the owner deleted (its dependents go by
   * cascade), more objects, the namespace deleted (its content goes). Each batch of a pipelined
   * rebuild is decided while the one before it is being committed, so the cascades read the
   * store's indexes before or after that commit, and must find the same keys either way.
   */
  static List<byte[]> cascades(int rounds) {
    List<byte[]> out = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      String ns = "n-" + r;
      out.add(Codec.encode(new Command.Create(meta(out, "create"), "core/namespaces//" + ns,
          object("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns
              + "\",\"uid\":\"ns-" + r + "\"}}"))));
      out.add(Codec.encode(new Command.Create(meta(out, "create"), "core/configmaps/" + ns + "/owner",
          configMap(ns, "owner", "u-" + r, null))));
      for (int i = 0; i < 6; i++) {
        out.add(Codec.encode(new Command.Create(meta(out, "create"), "core/configmaps/" + ns + "/dep-" + i,
            configMap(ns, "dep-" + i, "d-" + r + "-" + i, "u-" + r))));
      }
      out.add(Codec.encode(new Command.Delete(meta(out, "delete"), "core/configmaps/" + ns + "/owner", 0, null, null)));
      for (int i = 0; i < 4; i++) {
        out.add(Codec.encode(new Command.Create(meta(out, "create"), "core/configmaps/" + ns + "/more-" + i,
            configMap(ns, "more-" + i, "m-" + r + "-" + i, null))));
      }
      out.add(Codec.encode(new Command.Delete(meta(out, "delete"), "core/namespaces//" + ns, 0, null, null)));
    }
    return out;
  }

  private static Command.Meta meta(List<byte[]> log, String verb) {
    return new Command.Meta("test", "req-" + log.size(), 1_700_000_000_000L + log.size(), verb);
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode configMap(String ns, String name, String uid,
      String ownerUid) {
    String owner = ownerUid == null ? ""
        : ",\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"owner\",\"uid\":\""
            + ownerUid + "\"}]";
    return object("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
        + "\",\"namespace\":\"" + ns + "\",\"uid\":\"" + uid + "\"" + owner + "},\"data\":{\"k\":\"v\"}}");
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode object(String json) {
    return io.logplane.projections.Json.object(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static void submit(Applier applier, List<byte[]> log, int batch) {
    for (int from = 0; from < log.size(); from += batch) {
      List<LogEntry> entries = new ArrayList<>();
      for (int i = from; i < Math.min(log.size(), from + batch); i++) {
        entries.add(new LogEntry(i, Codec.decode(log.get(i))));
      }
      applier.submit(entries);
    }
    applier.finish();
  }

  @Test
  void pipelinedCommitsSeeTheBatchInFlightInTheirCascades() {
    List<byte[]> log = cascades(40);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (RocksStore live = RocksStore.open(dir.resolve("live"));
        RocksStore bulk = RocksStore.openForRebuild(dir.resolve("bulk"))) {
      apply(new Applier(live, Replay.machine()), log, 1);
      Applier pipelined = new Applier(bulk, Replay.machine(), 1000, pool, 2);
      submit(pipelined, log, 3);
      pipelined.close();
      bulk.flush();
      assertEquals(log.size() - 1, bulk.appliedOffset());
      // every cascade happened: no ConfigMap is left, only the audit and history of them
      try (var snap = live.snapshot()) {
        List<String> left = new ArrayList<>();
        snap.scan("core/configmaps/", null, (k, v) -> left.add(k));
        assertEquals(List.of(), left);
      }
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
      Command r = h.next();
      creates += r instanceof Command.Create ? 1 : 0;
      updates += r instanceof Command.Update ? 1 : 0;
      deletes += r instanceof Command.Delete ? 1 : 0;
    }
    assertEquals(5000, creates + updates + deletes);
    assertEquals(true, creates > 50 && deletes > 50 && updates > 4000, creates + "/" + updates + "/" + deletes);
  }
}
