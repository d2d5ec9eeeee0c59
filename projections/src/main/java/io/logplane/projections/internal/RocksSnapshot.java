package io.logplane.projections.internal;

import io.logplane.projections.Store;
import io.logplane.projections.Store.Snapshot;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/** A consistent read view of the store over one RocksDB snapshot. */
public final class RocksSnapshot implements Snapshot {
  private final RocksDB db;
  private final org.rocksdb.Snapshot snapshot;
  private final ReadOptions read;

  public RocksSnapshot(RocksDB db) {
    this.db = db;
    this.snapshot = db.getSnapshot();
    this.read = new ReadOptions().setSnapshot(snapshot);
  }

  @Override
  public long appliedOffset() {
    byte[] a = get0(StoreKeys.APPLIED);
    return a == null ? -1 : StoreKeys.decodeLong(a);
  }

  @Override
  public byte[] get(String key) {
    return get0(StoreKeys.object(key));
  }

  private byte[] get0(byte[] k) {
    try {
      return db.get(read, k);
    } catch (RocksDBException e) {
      throw new IllegalStateException("RocksDB read failed", e);
    }
  }

  @Override
  public void scan(String prefix, String startAfter, Store.Visitor visitor) {
    byte[] p = StoreKeys.object(prefix);
    try (RocksIterator it = db.newIterator(read)) {
      if (startAfter == null) {
        it.seek(p);
      } else {
        it.seek(StoreKeys.object(startAfter));
        if (it.isValid() && StoreKeys.objectKey(it.key()).equals(startAfter)) {
          it.next();
        }
      }
      for (; it.isValid(); it.next()) {
        byte[] key = it.key(); // read once: each read crosses JNI and copies
        if (!StoreKeys.startsWith(key, p) || !visitor.visit(StoreKeys.objectKey(key), it.value())) {
          return;
        }
      }
    }
  }

  /** Reads the keys only: the objects' bytes are never copied out of RocksDB. */
  @Override
  public void scanKeys(String prefix, java.util.function.Predicate<String> visitor) {
    byte[] p = StoreKeys.object(prefix);
    try (RocksIterator it = db.newIterator(read)) {
      for (it.seek(p); it.isValid(); it.next()) {
        byte[] key = it.key();
        if (!StoreKeys.startsWith(key, p) || !visitor.test(StoreKeys.objectKey(key))) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    read.close();
    db.releaseSnapshot(snapshot);
  }
}
