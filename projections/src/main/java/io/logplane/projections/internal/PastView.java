package io.logplane.projections.internal;

import io.logplane.projections.Audit;
import io.logplane.projections.Event;
import io.logplane.projections.Json;
import io.logplane.projections.Store;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The state at a past offset, read from the per-object version index: for each object, the
 * last version at or before the offset (absent if that version is a deletion). One seek per
 * object and one to skip its later versions, so a past list costs about what a present one
 * does, whatever the length of the history.
 */
public final class PastView implements Store.Snapshot {

  private final RocksDB db;
  private final long offset;
  private final org.rocksdb.Snapshot snapshot;
  private final ReadOptions read;

  public PastView(RocksDB db, long offset) {
    this.db = db;
    this.offset = offset;
    this.snapshot = db.getSnapshot();
    this.read = new ReadOptions().setSnapshot(snapshot);
  }

  @Override
  public long appliedOffset() {
    return offset;
  }

  @Override
  public byte[] get(String key) {
    try (RocksIterator it = db.newIterator(read)) {
      return StoreKeys.liveJson(versionAt(it, key, offset));
    }
  }

  @Override
  public void scan(String prefix, String startAfter, Store.Visitor visitor) {
    byte[] p = StoreKeys.historyPrefix(prefix);
    try (RocksIterator it = db.newIterator(read); RocksIterator probe = db.newIterator(read)) {
      it.seek(startAfter == null ? p : StoreKeys.history(startAfter, Long.MAX_VALUE, -1));
      while (it.isValid() && StoreKeys.startsWith(it.key(), p)) {
        String key = StoreKeys.historyKey(it.key());
        if (startAfter == null || key.compareTo(startAfter) > 0) {
          byte[] json = StoreKeys.liveJson(versionAt(probe, key, offset));
          if (json != null && !visitor.visit(key, json)) {
            return;
          }
        }
        it.seek(StoreKeys.history(key, Long.MAX_VALUE, -1));
        if (it.isValid() && StoreKeys.startsWith(it.key(), p) && StoreKeys.historyKey(it.key()).equals(key)) {
          it.next();
        }
      }
    }
  }

  /**
   * The stored event (undecoded: a past list needs its bytes, not a parsed object) of the last
   * accepted version of key at or before offset, or null.
   */
  private byte[] versionAt(RocksIterator it, String key, long at) {
    return versionAt(db, read, it, key, at);
  }

  /** The object's JSON as the store holds it right before the record at offset, or null. */
  public static byte[] before(RocksDB db, String key, long offset) {
    try (RocksIterator it = db.newIterator()) {
      return StoreKeys.liveJson(versionAt(db, null, it, key, offset - 1));
    }
  }

  private static byte[] versionAt(RocksDB db, ReadOptions read, RocksIterator it, String key, long at) {
    byte[] own = StoreKeys.historyOf(key);
    it.seekForPrev(StoreKeys.history(key, at, Integer.MAX_VALUE));
    for (; it.isValid() && StoreKeys.startsWith(it.key(), own); it.prev()) {
      int seq = StoreKeys.historySeq(it.key());
      if (seq != StoreKeys.REJECTED) {
        try {
          byte[] k = StoreKeys.event(StoreKeys.historyOffset(it.key()), seq);
          return read == null ? db.get(k) : db.get(read, k);
        } catch (RocksDBException e) {
          throw new IllegalStateException("RocksDB read failed", e);
        }
      }
    }
    return null;
  }

  private static Event event(RocksDB db, ReadOptions read, long offset, int seq) {
    try {
      byte[] k = StoreKeys.event(offset, seq);
      byte[] v = read == null ? db.get(k) : db.get(read, k);
      return v == null ? null : StoreKeys.decodeEvent(k, v);
    } catch (RocksDBException e) {
      throw new IllegalStateException("RocksDB read failed", e);
    }
  }

  /** Every version and rejected attempt of key from offset on, oldest first. */
  public static List<Store.Version> history(RocksDB db, String key, long from, int max) {
    List<Store.Version> out = new ArrayList<>();
    byte[] own = StoreKeys.historyOf(key);
    try (RocksIterator it = db.newIterator()) {
      for (it.seek(StoreKeys.history(key, Math.max(0, from), 0)); it.isValid() && StoreKeys.startsWith(it.key(), own)
          && out.size() < max; it.next()) {
        long offset = StoreKeys.historyOffset(it.key());
        int seq = StoreKeys.historySeq(it.key());
        if (seq == StoreKeys.REJECTED && offset < from) {
          continue;
        }
        Event e = seq == StoreKeys.REJECTED ? null : event(db, null, offset, seq);
        byte[] a = db.get(StoreKeys.audit(offset));
        out.add(new Store.Version(offset, e, a == null ? null : Audit.fromJson(Json.object(a))));
      }
    } catch (RocksDBException e) {
      throw new IllegalStateException("RocksDB read failed", e);
    }
    return out;
  }

  /** Keys that have a history under prefix, in key order. */
  public static List<String> keys(RocksDB db, String prefix, int max) {
    List<String> out = new ArrayList<>();
    byte[] p = StoreKeys.historyPrefix(prefix);
    try (RocksIterator it = db.newIterator()) {
      it.seek(p);
      while (it.isValid() && StoreKeys.startsWith(it.key(), p) && out.size() < max) {
        String key = StoreKeys.historyKey(it.key());
        out.add(key);
        it.seek(StoreKeys.history(key, Long.MAX_VALUE, -1));
        if (it.isValid() && StoreKeys.startsWith(it.key(), p) && StoreKeys.historyKey(it.key()).equals(key)) {
          it.next();
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    read.close();
    db.releaseSnapshot(snapshot);
  }
}
