package io.logplane.projections.internal;

import io.logplane.projections.Json;
import java.nio.charset.StandardCharsets;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * Brings a store made before the uid index ({@link StoreKeys#uidIndex}) to the current index
 * version when it is opened, before anything is applied to it: without the index every owner
 * would read as absent and the garbage collector would delete live objects. The index is a pure
 * function of the stored objects, so it is derived from them (a scan, written in batches) and
 * every replica, and a store rebuilt from the log, holds the same entries. The version marker
 * ({@link StoreKeys#INDEXES}) is written last, once the index is whole and flushed: a crash
 * before it makes the next open derive the index again.
 */
public final class IndexMigration {

  private static final int BATCH = 10_000;

  private IndexMigration() {}

  /**
   * Derives the uid index of a store that has applied records ({@code applied >= 0}) but has no
   * index version; does nothing to a store that has one or is empty (its first commit writes it).
   */
  public static void run(RocksDB db, long applied) {
    try {
      if (applied < 0 || db.get(StoreKeys.INDEXES) != null) {
        return;
      }
      try (WriteOptions write = new WriteOptions().setDisableWAL(true)) {
        derive(db, write);
        db.put(write, StoreKeys.INDEXES, StoreKeys.encodeLong(StoreKeys.INDEXES_VERSION));
      }
      try (FlushOptions f = new FlushOptions().setWaitForFlush(true)) {
        db.flush(f);
      }
    } catch (RocksDBException e) {
      throw new IllegalStateException("deriving the uid index failed: " + e.getMessage(), e);
    }
  }

  private static void derive(RocksDB db, WriteOptions write) throws RocksDBException {
    byte[] prefix = "o:".getBytes(StandardCharsets.UTF_8);
    SortedBatch batch = new SortedBatch();
    int size = 0;
    try (RocksIterator it = db.newIterator()) {
      for (it.seek(prefix); it.isValid() && StoreKeys.startsWith(it.key(), prefix); it.next()) {
        String uid = StoreKeys.indexedUid(Json.object(it.value()));
        if (uid == null) {
          continue;
        }
        batch.put(StoreKeys.uidIndex(uid), StoreKeys.objectKey(it.key()).getBytes(StandardCharsets.UTF_8));
        if (++size == BATCH) {
          batch.write(db, write);
          batch = new SortedBatch();
          size = 0;
        }
      }
    }
    if (size > 0) {
      batch.write(db, write);
    }
  }
}
