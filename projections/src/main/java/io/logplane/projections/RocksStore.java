package io.logplane.projections;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.internal.HotObjects;
import io.logplane.projections.internal.IndexMigration;
import io.logplane.projections.internal.SortedBatch;
import io.logplane.projections.internal.StoreContents;
import io.logplane.projections.internal.StoreKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rocksdb.FlushOptions;
import org.rocksdb.MutableColumnFamilyOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The store over one RocksDB database. Key spaces (see {@link StoreKeys}): objects, the
 * namespace, owner and uid indexes, applied events by offset, and the applied offset itself.
 * A store from before the uid index gets it when opened ({@link IndexMigration}).
 */
public final class RocksStore implements Store {

  static {
    io.logplane.projections.internal.NativeRocks.load();
  }

  private final RocksDB db;
  private final StoreOptions options;
  private final WriteOptions writeOptions;
  private volatile long applied;
  private volatile ChangeListener changes;
  private final HotObjects hot = new HotObjects();

  private RocksStore(RocksDB db, StoreOptions options) {
    this.db = db;
    this.options = options;
    this.writeOptions = options.write;
    byte[] a = get0(StoreKeys.APPLIED);
    this.applied = a == null ? -1 : StoreKeys.decodeLong(a);
    IndexMigration.run(db, applied);
    loadHot();
  }

  public static RocksStore open(Path dir) {
    return open(dir, StoreOptions.live());
  }

  /**
   * Opens a store to rebuild from the log in bulk: no write-ahead log (after a crash, a rebuild
   * applies the log again from the store's applied offset: flushed memtables always hold a
   * prefix of the batches, with their applied offset), large memtables, no compaction until
   * {@link #flush()} (the files a rebuild writes are sorted runs already; compacting them as they
   * come would write them again several times), background work on every core. Call
   * {@link #flush()} before trusting what it holds; the contents are the same as with
   * {@link #open}.
   */
  public static RocksStore openForRebuild(Path dir) {
    return open(dir, StoreOptions.rebuild());
  }

  private static RocksStore open(Path dir, StoreOptions options) {
    try {
      Files.createDirectories(dir);
      return new RocksStore(RocksDB.open(options.options, dir.toString()), options);
    } catch (Exception e) {
      options.close();
      throw new IllegalStateException("cannot open RocksDB at " + dir + ": " + e.getMessage(), e);
    }
  }


  /**
   * Writes the memtables to disk and waits until they are there; then lets background
   * compaction (off while a rebuild writes) tidy the files up.
   */
  public void flush() {
    try (FlushOptions f = new FlushOptions().setWaitForFlush(true)) {
      db.flush(f);
      db.setOptions(MutableColumnFamilyOptions.builder().setDisableAutoCompactions(false).build());
    } catch (RocksDBException e) {
      throw new IllegalStateException("RocksDB flush failed", e);
    }
  }

  @Override
  public long appliedOffset() {
    return applied;
  }

  @Override
  public byte[] get(String key) {
    return get0(StoreKeys.object(key));
  }

  private byte[] get0(byte[] k) {
    try {
      return db.get(k);
    } catch (RocksDBException e) {
      throw new IllegalStateException("RocksDB read failed", e);
    }
  }

  /** Namespaces and ServiceAccounts come from memory ({@link HotObjects}); the rest is a get and a parse. */
  @Override
  public JsonNode tree(String key) {
    return HotObjects.holds(key) ? hot.get(key) : Store.super.tree(key);
  }

  @Override
  public Snapshot snapshot() {
    return new io.logplane.projections.internal.RocksSnapshot(db);
  }

  @Override
  public void commit(long appliedOffset, Map<String, Write> writes, List<Event> events, List<Audit> audits) {
    SortedBatch ops = new SortedBatch();
    for (Map.Entry<String, Write> e : writes.entrySet()) {
      String key = e.getKey();
      Write w = e.getValue();
      List<byte[]> before = w.previous() == null ? List.of() : indexKeys(key, w.previous());
      List<byte[]> after = w.json() == null ? List.of() : indexKeys(key, w.object());
      // Only the index entries that change: most writes keep their namespace and owners.
      for (byte[] idx : before) {
        if (!contains(after, idx)) {
          ops.delete(idx);
        }
      }
      if (w.json() == null) {
        ops.delete(StoreKeys.object(key));
      } else {
        ops.put(StoreKeys.object(key), w.json());
      }
      for (byte[] idx : after) {
        if (!contains(before, idx)) {
          ops.put(idx, StoreKeys.EMPTY);
        }
      }
      indexUid(ops, key, w);
    }
    if (applied < 0) {
      // The first batch of a store: it is made with every index of this version.
      ops.put(StoreKeys.INDEXES, StoreKeys.encodeLong(StoreKeys.INDEXES_VERSION));
    }
    int seq = 0;
    long last = -1;
    for (Event e : events) {
      seq = e.offset() == last ? seq + 1 : 0;
      last = e.offset();
      ops.put(StoreKeys.event(e.offset(), seq), StoreKeys.encodeEvent(e));
      ops.put(StoreKeys.history(e.key(), e.offset(), seq), StoreKeys.EMPTY);
    }
    for (Audit a : audits) {
      ops.put(StoreKeys.audit(a.offset()), a.toJsonBytes());
      if (!a.accepted() && !a.key().isEmpty()) {
        ops.put(StoreKeys.history(a.key(), a.offset(), StoreKeys.REJECTED), StoreKeys.EMPTY);
      }
    }
    ops.put(StoreKeys.APPLIED, StoreKeys.encodeLong(appliedOffset));
    long first = applied + 1;
    try {
      ops.write(db, writeOptions);
      applied = appliedOffset;
      hot.committed(writes);
    } catch (RocksDBException e) {
      throw new IllegalStateException("RocksDB write failed at offset " + appliedOffset, e);
    }
    ChangeListener listener = changes;
    if (listener != null) {
      listener.committed(first, appliedOffset, () -> ChangeSet.encode(first, appliedOffset, ops));
    }
  }

  /** Sets who hears the committed batches (null: nobody); set it before the first commit it must hear. */
  public void onCommit(ChangeListener listener) {
    this.changes = listener;
  }

  /**
   * Adds sorted files of keys the store does not hold yet (a bulk load into an empty store),
   * moving them into the database, and reads the applied offset they bring.
   */
  public void ingest(List<Path> files) {
    if (files.isEmpty()) {
      return;
    }
    try (org.rocksdb.IngestExternalFileOptions o = new org.rocksdb.IngestExternalFileOptions()
        .setMoveFiles(true).setSnapshotConsistency(false).setAllowGlobalSeqNo(true)) {
      db.ingestExternalFile(files.stream().map(Path::toString).toList(), o);
    } catch (RocksDBException e) {
      throw new IllegalStateException("RocksDB ingestion failed: " + e.getMessage(), e);
    }
    byte[] a = get0(StoreKeys.APPLIED);
    applied = a == null ? -1 : StoreKeys.decodeLong(a);
    // Change sets of a version before the uid index bring none: derive it before anything applies.
    IndexMigration.run(db, applied);
    loadHot();
  }

  private void loadHot() {
    try (Snapshot view = snapshot()) {
      hot.load(view);
    }
  }

  /**
   * The store's whole contents at its applied offset, as change sets that cover offsets
   * {@code 0..appliedOffset()} in parts of about {@code partBytes} (each but the last saying more
   * follow), in key order. The view is taken now; the parts are made and handed to {@code out}
   * when the returned task runs, on any thread, whatever the store commits meanwhile.
   */
  public Runnable contentsAsChangeSets(int partBytes, java.util.function.Consumer<byte[]> out) {
    return StoreContents.asChangeSets(db, applied, partBytes, out);
  }

  /** True when the store holds no key at all. */
  public boolean isEmpty() {
    try (RocksIterator it = db.newIterator()) {
      it.seekToFirst();
      return !it.isValid();
    }
  }

  /** The uid index entry of a write: the object's uid names its key while it exists. */
  private static void indexUid(SortedBatch ops, String key, Write w) {
    String before = w.previous() == null ? null : StoreKeys.indexedUid(w.previous());
    String after = w.json() == null ? null : StoreKeys.indexedUid(w.object());
    if (before != null && !before.equals(after)) {
      ops.delete(StoreKeys.uidIndex(before));
    }
    if (after != null && !after.equals(before)) {
      ops.put(StoreKeys.uidIndex(after), key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private static boolean contains(List<byte[]> keys, byte[] key) {
    for (byte[] k : keys) {
      if (java.util.Arrays.equals(k, key)) {
        return true;
      }
    }
    return false;
  }

  private static List<byte[]> indexKeys(String key, JsonNode object) {
    List<byte[]> out = new ArrayList<>(2);
    Key k = Key.parse(key);
    if (!k.namespace().isEmpty()) {
      out.add(StoreKeys.namespaceIndex(k.namespace(), key));
    }
    for (JsonNode ref : Metadata.ownerReferences(object)) {
      String uid = ref.path("uid").asText("");
      if (!uid.isEmpty()) {
        out.add(StoreKeys.ownerIndex(uid, key));
      }
    }
    return out;
  }

  @Override
  public List<Event> events(long fromExclusive, long toInclusive, int max) {
    List<Event> out = new ArrayList<>();
    try (RocksIterator it = db.newIterator()) {
      for (it.seek(StoreKeys.event(fromExclusive + 1, 0)); it.isValid() && out.size() < max; it.next()) {
        byte[] key = it.key();
        if (!StoreKeys.isEvent(key)) {
          break;
        }
        Event e = StoreKeys.decodeEvent(key, it.value());
        if (e.offset() > toInclusive) {
          break;
        }
        out.add(e);
      }
    }
    return out;
  }

  @Override
  public Snapshot at(long offset) {
    return new io.logplane.projections.internal.PastView(db, offset);
  }

  @Override
  public byte[] before(String key, long offset) {
    return io.logplane.projections.internal.PastView.before(db, key, offset);
  }

  @Override
  public List<Version> history(String key, long fromOffset, int max) {
    return io.logplane.projections.internal.PastView.history(db, key, fromOffset, max);
  }

  @Override
  public List<String> historyKeys(String prefix, int max) {
    return io.logplane.projections.internal.PastView.keys(db, prefix, max);
  }

  @Override
  public List<Audit> audits(long from, long to, java.util.function.Predicate<Audit> filter, int max) {
    List<Audit> out = new ArrayList<>();
    try (RocksIterator it = db.newIterator()) {
      for (it.seek(StoreKeys.audit(Math.max(0, from))); it.isValid() && out.size() < max; it.next()) {
        if (!StoreKeys.isAudit(it.key())) {
          break;
        }
        Audit a = Audit.fromJson(Json.object(it.value()));
        if (a.offset() > to) {
          break;
        }
        if (filter == null || filter.test(a)) {
          out.add(a);
        }
      }
    }
    return out;
  }

  @Override
  public Audit audit(long offset) {
    byte[] b = get0(StoreKeys.audit(offset));
    return b == null ? null : Audit.fromJson(Json.object(b));
  }

  @Override
  public long oldestEventOffset() {
    try (RocksIterator it = db.newIterator()) {
      it.seek(StoreKeys.event(0, 0));
      return it.isValid() && StoreKeys.isEvent(it.key()) ? StoreKeys.eventOffset(it.key()) : -1;
    }
  }

  @Override
  public List<String> keysInNamespace(String namespace) {
    return indexScan(StoreKeys.namespaceIndexPrefix(namespace));
  }

  @Override
  public List<String> dependents(String ownerUid) {
    return indexScan(StoreKeys.ownerIndexPrefix(ownerUid));
  }

  @Override
  public String keyOfUid(String uid) {
    byte[] key = get0(StoreKeys.uidIndex(uid));
    return key == null ? null : new String(key, java.nio.charset.StandardCharsets.UTF_8);
  }

  private List<String> indexScan(byte[] prefix) {
    List<String> out = new ArrayList<>();
    try (RocksIterator it = db.newIterator()) {
      for (it.seek(prefix); it.isValid(); it.next()) {
        byte[] key = it.key();
        if (!StoreKeys.startsWith(key, prefix)) {
          break;
        }
        out.add(StoreKeys.indexedKey(key, prefix.length));
      }
    }
    return out;
  }

  @Override
  public byte[] hash() {
    try (RocksIterator it = db.newIterator()) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (it.seekToFirst(); it.isValid(); it.next()) {
        md.update(StoreKeys.encodeLong(it.key().length));
        md.update(it.key());
        md.update(StoreKeys.encodeLong(it.value().length));
        md.update(it.value());
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try (FlushOptions f = new FlushOptions().setWaitForFlush(true)) {
      db.flush(f);
    } catch (RocksDBException e) {
      // the store reopens at the last flushed batch and the projection applies the rest again
    }
    db.close();
    options.close();
  }
}
