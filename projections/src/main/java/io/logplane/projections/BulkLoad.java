package io.logplane.projections;

import io.logplane.projections.internal.SortedFiles;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads an empty store from consecutive {@link ChangeSet}s without a memtable: the operations
 * are the store's keys already, so they are written as sorted files and handed to RocksDB
 * whole ({@link RocksStore#ingest}). The keys of applied events ({@code e:}) and audit entries
 * ({@code a:}) grow with the offset, so they stream into their files as they come; the version
 * index ({@code h:}) grows per object, so it is kept per object and written in key order at the
 * end; everything else (objects, indexes: a few keys changed many times) is kept at its last
 * value and written at the end. The result is the store the change sets' batches committed, with
 * the applied offset of the last one.
 */
public final class BulkLoad implements AutoCloseable {

  private static final int SUFFIX = 13; // "\0" offset(8) seq(4) of a version index key

  private final SortedFiles files;
  private SortedFiles.Stream events;
  private SortedFiles.Stream audits;
  /** Version index keys by object (their key up to the offset), each object's in the order they came. */
  private final Map<Bytes, List<byte[]>> history = new HashMap<>();
  /** The last value of every other key: a byte[], a {@link Tail}, or null for deleted. */
  private final Map<Bytes, Object> latest = new HashMap<>();
  private long applied = -1;
  private ChangeSet.Range partOf;
  private long loaded;

  /** @param dir an empty directory for the files while they are written */
  public BulkLoad(Path dir) {
    this.files = new SortedFiles(dir);
    this.events = files.stream("e");
    this.audits = files.stream("a");
  }

  /** The applied offset of the last change set added, -1 before the first. */
  public long applied() {
    return applied;
  }

  /** Change sets added. */
  public long loaded() {
    return loaded;
  }

  /**
   * Adds the next change set; it must start right after the last one added.
   *
   * @throws IllegalArgumentException when it does not, or is not a change set
   */
  public void add(byte[] changeSet) {
    ChangeSet.Range r = ChangeSet.range(changeSet);
    if (!follows(r)) {
      throw new IllegalArgumentException("change set " + r.first() + ".." + r.last() + " does not follow " + applied
          + (partOf == null ? "" : " (part of " + partOf.first() + ".." + partOf.last() + ")"));
    }
    ChangeSet.decode(changeSet, new ChangeSet.Visitor() {
      @Override
      public void range(long first, long last) {}

      @Override
      public void op(byte[] key, byte[] value) {
        route(key, value);
      }

      @Override
      public void tail(byte[] key, byte[] source, int start) {
        if (appendOnly(space(key))) {
          route(key, Arrays.copyOfRange(source, start, source.length));
        } else {
          latest.put(new Bytes(key, key.length), new Tail(source, start));
        }
      }
    });
    partOf = r.more() ? r : null;
    applied = r.last();
    loaded++;
  }

  /**
   * True when the change set is the next one: it starts right after the last one added, or it
   * is the next part of the range whose parts are being added.
   */
  public boolean follows(ChangeSet.Range r) {
    if (partOf != null) {
      return r.first() == partOf.first() && r.last() == partOf.last() && r.part() == partOf.part() + 1;
    }
    return r.first() == applied + 1 && r.last() >= r.first() && r.part() == 0;
  }

  /**
   * True when the change set starts a chain of its own, later than what was added so far: the
   * first part of a store's contents (or a batch from the first offset) that ends further on.
   * Such a start is taken with {@link #restart}: nothing before it is needed any more.
   */
  public boolean startsAfresh(ChangeSet.Range r) {
    return r.first() == 0 && r.part() == 0 && (r.last() > applied || partOf != null) && !follows(r);
  }

  /** Forgets everything added (its files are deleted), as a new load would start. */
  public void restart() {
    files.discard(events, audits);
    events = files.stream("e");
    audits = files.stream("a");
    history.clear();
    latest.clear();
    applied = -1;
    partOf = null;
    loaded = 0;
  }

  /** True while the parts of a range are being added (the store is not whole before the last one). */
  public boolean inParts() {
    return partOf != null;
  }

  /** The key space of a store key: the letter before its colon, 0 for none. */
  private static byte space(byte[] key) {
    return key.length > 2 && key[1] == ':' ? key[0] : 0;
  }

  /** Events, audit entries, version index: keys only ever put, once. */
  private static boolean appendOnly(byte space) {
    return space == 'e' || space == 'a' || space == 'h';
  }

  private void route(byte[] key, byte[] value) {
    byte p = space(key);
    if (p == 'e' && value != null) {
      events.put(key, value);
    } else if (p == 'a' && value != null) {
      audits.put(key, value);
    } else if (p == 'h' && value != null && value.length == 0 && key.length > 2 + SUFFIX) {
      history.computeIfAbsent(new Bytes(key, key.length - SUFFIX + 1), k -> new ArrayList<>(4)).add(key);
    } else if (appendOnly(p)) {
      throw new IllegalArgumentException("change set deletes or fills an append-only key " + new String(key, 0, 2,
          java.nio.charset.StandardCharsets.UTF_8));
    } else {
      latest.put(new Bytes(key, key.length), value);
    }
  }

  /** Writes what is kept, ingests every file into the (empty) store, and sets its applied offset. */
  public void finish(RocksStore store) {
    if (!store.isEmpty()) {
      throw new IllegalStateException("a bulk load needs an empty store");
    }
    events.finish();
    audits.finish();
    writeHistory();
    writeLatest();
    files.awaitWrites();
    store.ingest(files.files());
  }

  private void writeHistory() {
    List<Bytes> objects = new ArrayList<>(history.keySet());
    objects.sort(null);
    SortedFiles.Stream out = files.stream("h");
    byte[] empty = new byte[0];
    for (Bytes object : objects) {
      List<byte[]> keys = history.get(object);
      if (!ascending(keys)) {
        keys.sort(Arrays::compareUnsigned);
      }
      for (byte[] key : keys) {
        out.put(key, empty);
      }
    }
    out.finish();
  }

  private static boolean ascending(List<byte[]> keys) {
    for (int i = 1; i < keys.size(); i++) {
      if (Arrays.compareUnsigned(keys.get(i - 1), keys.get(i)) >= 0) {
        return false;
      }
    }
    return true;
  }

  private void writeLatest() {
    if (applied >= 0) {
      byte[] key = "m:applied".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      latest.put(new Bytes(key, key.length), ByteBuffer.allocate(8).putLong(applied).array());
    }
    List<Map.Entry<Bytes, Object>> entries = new ArrayList<>(latest.entrySet());
    entries.removeIf(e -> e.getValue() == null);
    entries.sort(Map.Entry.comparingByKey());
    SortedFiles.Stream out = files.stream("s");
    for (Map.Entry<Bytes, Object> e : entries) {
      out.put(e.getKey().b, e.getValue() instanceof Tail t ? Arrays.copyOfRange(t.source, t.start, t.source.length)
          : (byte[]) e.getValue());
    }
    out.finish();
  }

  @Override
  public void close() {
    try {
      files.discard(events, audits);
    } finally {
      files.close();
    }
  }


  /** A value that is the end of another one's bytes, copied only if it is still the last at the end. */
  private record Tail(byte[] source, int start) {}

  /**
   * The first {@code length} bytes of an array as a map key, ordered as RocksDB orders keys
   * (a version index key stands for its object's prefix without a copy).
   */
  private static final class Bytes implements Comparable<Bytes> {
    final byte[] b;
    final int length;
    private final int hash;

    Bytes(byte[] b, int length) {
      this.b = b;
      this.length = length;
      int h = 1;
      for (int i = 0; i < length; i++) {
        h = 31 * h + b[i];
      }
      this.hash = h;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes other && hash == other.hash && Arrays.equals(b, 0, length, other.b, 0, other.length);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public int compareTo(Bytes o) {
      return Arrays.compareUnsigned(b, 0, length, o.b, 0, o.length);
    }
  }
}
