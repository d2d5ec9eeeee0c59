package io.logplane.launcher.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.projections.Applier;
import io.logplane.projections.BulkLoad;
import io.logplane.projections.ChangeSet;
import io.logplane.projections.RocksStore;
import io.logplane.projections.rebuild.ChangelogRestore;
import io.logplane.projections.rebuild.RawSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The change sets a store's commits give load an empty store into the same bytes — state,
 * indexes, events, version index, audit and applied offset — without deciding anything again;
 * they must come in order, and each says which records it covers.
 */
class ChangelogLoadTest {

  @TempDir Path dir;

  /** Applies a log in batches of {@code batch} records to a live store; returns its change sets. */
  private static List<byte[]> changeSets(RocksStore store, List<byte[]> log, int batch) {
    List<byte[]> out = new ArrayList<>();
    store.onCommit((first, last, changeSet) -> {
      ChangeSet.Range r = ChangeSet.range(changeSet.get());
      assertEquals(first, r.first());
      assertEquals(last, r.last());
      out.add(changeSet.get());
    });
    BulkApplyTest.apply(new Applier(store, Replay.machine()), log, batch);
    store.onCommit(null);
    return out;
  }

  @Test
  void changeSetsLoadIntoTheStoreTheirCommitsBuilt() {
    List<byte[]> log = new ArrayList<>(BulkApplyTest.history(4_000));
    try (RocksStore live = RocksStore.open(dir.resolve("live"));
        RocksStore loaded = RocksStore.openForRebuild(dir.resolve("loaded"))) {
      List<byte[]> sets = changeSets(live, log, 37);
      assertEquals((log.size() + 36) / 37, sets.size());
      try (BulkLoad load = new BulkLoad(dir.resolve("bulk"))) {
        sets.forEach(load::add);
        load.finish(loaded);
      }
      assertEquals(log.size() - 1, loaded.appliedOffset());
      assertArrayEquals(live.hash(), loaded.hash());
      List<String> keys = live.historyKeys("core/", 10_000);
      assertEquals(keys, loaded.historyKeys("core/", 10_000));
      int versions = 0;
      for (String key : keys) {
        assertEquals(offsets(live, key), offsets(loaded, key), key);
        versions += offsets(loaded, key).size();
      }
      assertTrue(versions > 2_000, "versions of ConfigMaps and Pods: " + versions);
    }
  }

  private static List<Long> offsets(RocksStore store, String key) {
    return store.history(key, 0, 1000).stream().map(v -> v.offset()).toList();
  }

  @Test
  void cascadesAndNamespaceDeletionsLoadToo() {
    List<byte[]> log = BulkApplyTest.cascades(15);
    try (RocksStore live = RocksStore.open(dir.resolve("live"));
        RocksStore loaded = RocksStore.openForRebuild(dir.resolve("loaded"))) {
      List<byte[]> sets = changeSets(live, log, 5);
      try (BulkLoad load = new BulkLoad(dir.resolve("bulk"))) {
        sets.forEach(load::add);
        load.finish(loaded);
      }
      assertArrayEquals(live.hash(), loaded.hash());
    }
  }

  @Test
  void anObjectsStateRefersToItsEventsJsonInsteadOfRepeatingIt() {
    List<byte[]> log = BulkApplyTest.history(600);
    try (RocksStore live = RocksStore.open(dir.resolve("live"))) {
      List<byte[]> sets = changeSets(live, log, 600);
      long[] opBytes = {0};
      ChangeSet.decode(sets.get(0), new ChangeSet.Visitor() {
        @Override
        public void range(long first, long last) {
          assertEquals(0, first);
          assertEquals(599, last);
        }

        @Override
        public void op(byte[] key, byte[] value) {
          opBytes[0] += key.length + (value == null ? 0 : value.length);
        }
      });
      assertTrue(sets.get(0).length < opBytes[0] * 0.75, sets.get(0).length + " bytes for " + opBytes[0]);
    }
  }

  /** A store that applied records before it had a changelog: its contents in parts, then its commits. */
  private static List<byte[]> seededChangelog(RocksStore live, List<byte[]> log, int split) {
    BulkApplyTest.apply(new Applier(live, Replay.machine()), log.subList(0, split), 50);
    List<byte[]> out = new ArrayList<>();
    live.contentsAsChangeSets(64 << 10, out::add).run();
    List<byte[]> rest = new ArrayList<>();
    live.onCommit((first, last, changeSet) -> rest.add(changeSet.get()));
    applyRange(live, log, split, log.size(), 50);
    live.onCommit(null);
    out.addAll(rest);
    return out;
  }

  @Test
  void aStoreOlderThanItsChangelogStartsItWithItsContents() {
    List<byte[]> log = BulkApplyTest.history(3_000);
    try (RocksStore live = RocksStore.open(dir.resolve("live"));
        RocksStore loaded = RocksStore.openForRebuild(dir.resolve("loaded"))) {
      List<byte[]> sets = seededChangelog(live, log, 2_000);
      long parts = sets.stream().filter(s -> ChangeSet.range(s).first() == 0).count();
      assertTrue(parts > 3, "the contents come in parts: " + parts);
      assertTrue(ChangeSet.range(sets.get(0)).more());
      assertEquals(1999, ChangeSet.range(sets.get(0)).last());
      try (BulkLoad load = new BulkLoad(dir.resolve("bulk"))) {
        for (byte[] s : sets) {
          load.add(s);
        }
        load.finish(loaded);
      }
      assertEquals(log.size() - 1, loaded.appliedOffset());
      assertArrayEquals(live.hash(), loaded.hash());
    }
  }

  @Test
  void aRestoreUsesTheStoresContentsOnlyWhenEveryPartIsThere() {
    List<byte[]> log = BulkApplyTest.history(2_000);
    try (RocksStore live = RocksStore.open(dir.resolve("live"))) {
      List<byte[]> sets = seededChangelog(live, log, 1_500);
      List<byte[]> missingPart = new ArrayList<>(sets);
      missingPart.remove(1);
      try (RocksStore store = RocksStore.openForRebuild(dir.resolve("missing"))) {
        assertEquals(-1, ChangelogRestore.run(store, source(missingPart), 1_999, dir.resolve("bulk-1"), o -> { },
            quiet()));
        assertTrue(store.isEmpty());
      }
      try (RocksStore store = RocksStore.openForRebuild(dir.resolve("whole"))) {
        assertEquals(1_999, ChangelogRestore.run(store, source(sets), 1_999, dir.resolve("bulk-2"), o -> { },
            quiet()));
        assertArrayEquals(live.hash(), store.hash());
      }
      try (RocksStore store = RocksStore.openForRebuild(dir.resolve("early"))) {
        assertEquals(-1, ChangelogRestore.run(store, source(sets), 1_000, dir.resolve("bulk-3"), o -> { }, quiet()),
            "the contents are of a later offset than the target");
      }
    }
  }

  @Test
  void anUnreadableChangeSetEndsTheChainOrTheWholeRestore() {
    List<byte[]> log = BulkApplyTest.history(600);
    try (RocksStore live = RocksStore.open(dir.resolve("live"))) {
      List<byte[]> sets = changeSets(live, log, 100);
      List<byte[]> otherVersion = new ArrayList<>(sets);
      byte[] v = sets.get(3).clone();
      v[2] = 1;
      otherVersion.set(3, v);
      try (RocksStore store = RocksStore.openForRebuild(dir.resolve("version"))) {
        assertEquals(299, ChangelogRestore.run(store, source(otherVersion), 599, dir.resolve("bulk-1"), o -> { },
            quiet()), "the change sets before it are loaded");
      }
      List<byte[]> truncated = new ArrayList<>(sets);
      truncated.set(2, java.util.Arrays.copyOf(sets.get(2), sets.get(2).length / 2));
      try (RocksStore store = RocksStore.openForRebuild(dir.resolve("truncated"))) {
        assertEquals(-1, ChangelogRestore.run(store, source(truncated), 599, dir.resolve("bulk-2"), o -> { },
            quiet()));
        assertTrue(store.isEmpty());
      }
    }
  }

  @Test
  void contentsSentAfterAGapStartTheChainAgain() {
    List<byte[]> log = BulkApplyTest.history(900);
    try (RocksStore live = RocksStore.open(dir.resolve("live"))) {
      List<byte[]> sets = new ArrayList<>();
      live.onCommit((first, last, changeSet) -> sets.add(changeSet.get()));
      applyRange(live, log, 0, 400, 100);
      sets.remove(2); // 200..299 never reached the changelog
      live.contentsAsChangeSets(32 << 10, sets::add).run();
      applyRange(live, log, 400, 900, 100);
      live.onCommit(null);
      try (RocksStore store = RocksStore.openForRebuild(dir.resolve("after-gap"))) {
        assertEquals(899, ChangelogRestore.run(store, source(sets), 899, dir.resolve("bulk-1"), o -> { }, quiet()));
        assertArrayEquals(live.hash(), store.hash());
      }
      try (RocksStore store = RocksStore.openForRebuild(dir.resolve("before-contents"))) {
        assertEquals(199, ChangelogRestore.run(store, source(sets), 350, dir.resolve("bulk-2"), o -> { }, quiet()),
            "up to the gap, when the contents after it are past the target");
      }
    }
  }

  private static void applyRange(RocksStore store, List<byte[]> log, int from, int to, int batch) {
    BulkApplyTest.apply(new Applier(store, Replay.machine()), log, from, to, batch);
  }

  private static java.io.PrintStream quiet() {
    return new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
  }

  /** The change sets as a changelog's records, polled a few at a time. */
  private static ChangelogRestore.Source source(List<byte[]> sets) {
    return new ChangelogRestore.Source(() -> new RawSource() {
      private int next;

      @Override
      public List<Raw> poll() {
        List<Raw> out = new ArrayList<>();
        for (int i = 0; i < 3 && next < sets.size(); i++, next++) {
          out.add(new Raw(next, sets.get(next)));
        }
        return out;
      }

      @Override
      public void close() {}
    }, sets.size());
  }

  @Test
  void changeSetsMustFollowOnFromEachOther() {
    List<byte[]> log = BulkApplyTest.history(300);
    try (RocksStore live = RocksStore.open(dir.resolve("live")); BulkLoad load = new BulkLoad(dir.resolve("bulk"))) {
      List<byte[]> sets = changeSets(live, log, 100);
      assertThrows(IllegalArgumentException.class, () -> load.add(sets.get(1)));
      load.add(sets.get(0));
      assertThrows(IllegalArgumentException.class, () -> load.add(sets.get(0)));
      assertThrows(IllegalArgumentException.class, () -> load.add(sets.get(2)));
      load.add(sets.get(1));
      assertEquals(199, load.applied());
      byte[] corrupt = sets.get(2).clone();
      corrupt[2] = 9;
      assertThrows(IllegalArgumentException.class, () -> load.add(corrupt));
      assertThrows(IllegalArgumentException.class, () -> ChangeSet.range(new byte[] {1, 2, 3}));
    }
  }
}
