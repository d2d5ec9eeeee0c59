package io.logplane.launcher.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.projections.Applier;
import io.logplane.projections.BulkLoad;
import io.logplane.projections.ChangeSet;
import io.logplane.projections.RocksStore;
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
