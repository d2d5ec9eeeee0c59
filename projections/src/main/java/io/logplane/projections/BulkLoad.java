package io.logplane.projections;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.CompressionType;
import org.rocksdb.EnvOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileWriter;

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

  private static final long ROLL_BYTES = 512L << 20;
  private static final int SUFFIX = 13; // "\0" offset(8) seq(4) of a version index key

  private final Path dir;
  private final Options options = new Options().setCompressionType(CompressionType.LZ4_COMPRESSION);
  private final EnvOptions env = new EnvOptions();
  private final List<Path> files = new ArrayList<>();
  private final Stream events = new Stream("e");
  private final Stream audits = new Stream("a");
  private final Map<Bytes, List<byte[]>> history = new LinkedHashMap<>();
  private final Map<Bytes, byte[]> latest = new HashMap<>();
  private long applied = -1;
  private long loaded;
  private int fileNumber;

  /** @param dir an empty directory for the files while they are written */
  public BulkLoad(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    if (r.first() != applied + 1 || r.last() < r.first()) {
      throw new IllegalArgumentException("change set " + r.first() + ".." + r.last() + " does not follow " + applied);
    }
    ChangeSet.decode(changeSet, new ChangeSet.Visitor() {
      @Override
      public void range(long first, long last) {}

      @Override
      public void op(byte[] key, byte[] value) {
        route(key, value);
      }
    });
    applied = r.last();
    loaded++;
  }

  private void route(byte[] key, byte[] value) {
    byte p = key.length > 2 && key[1] == ':' ? key[0] : 0;
    if (p == 'e' && value != null) {
      events.put(key, value);
    } else if (p == 'a' && value != null) {
      audits.put(key, value);
    } else if (p == 'h' && value != null && value.length == 0 && key.length > 2 + SUFFIX) {
      Bytes object = new Bytes(Arrays.copyOf(key, key.length - SUFFIX + 1));
      history.computeIfAbsent(object, k -> new ArrayList<>(4)).add(Arrays.copyOfRange(key, key.length - SUFFIX + 1,
          key.length));
    } else if (p == 'e' || p == 'a' || p == 'h') {
      throw new IllegalArgumentException("change set deletes or fills an append-only key " + new String(key, 0, 2,
          java.nio.charset.StandardCharsets.UTF_8));
    } else {
      latest.put(new Bytes(key), value);
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
    store.ingest(files);
  }

  private void writeHistory() {
    List<Bytes> objects = new ArrayList<>(history.keySet());
    objects.sort(null);
    Stream out = new Stream("h");
    byte[] empty = new byte[0];
    for (Bytes object : objects) {
      List<byte[]> suffixes = history.get(object);
      if (!ascending(suffixes)) {
        suffixes.sort(Arrays::compareUnsigned);
      }
      for (byte[] s : suffixes) {
        byte[] key = Arrays.copyOf(object.b, object.b.length + s.length);
        System.arraycopy(s, 0, key, object.b.length, s.length);
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
      latest.put(new Bytes("m:applied".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
          ByteBuffer.allocate(8).putLong(applied).array());
    }
    List<Map.Entry<Bytes, byte[]>> entries = new ArrayList<>(latest.entrySet());
    entries.removeIf(e -> e.getValue() == null);
    entries.sort(Map.Entry.comparingByKey());
    Stream out = new Stream("s");
    for (Map.Entry<Bytes, byte[]> e : entries) {
      out.put(e.getKey().b, e.getValue());
    }
    out.finish();
  }

  @Override
  public void close() {
    events.abandon();
    audits.abandon();
    options.close();
    env.close();
  }

  /** Sorted files of one key space, written as the keys come (each greater than the one before). */
  private final class Stream {
    private final String name;
    private SstFileWriter writer;
    private byte[] lastKey;
    private long bytes;

    Stream(String name) {
      this.name = name;
    }

    void put(byte[] key, byte[] value) {
      if (lastKey != null && Arrays.compareUnsigned(lastKey, key) >= 0) {
        throw new IllegalArgumentException("change sets out of order: a key of " + name + " does not grow");
      }
      try {
        if (writer == null) {
          Path f = dir.resolve(name + "-" + (fileNumber++) + ".sst");
          writer = new SstFileWriter(env, options);
          writer.open(f.toString());
          files.add(f);
        }
        writer.put(key, value);
      } catch (RocksDBException e) {
        throw new IllegalStateException("writing a bulk file failed: " + e.getMessage(), e);
      }
      lastKey = key;
      bytes += key.length + value.length;
      if (bytes > ROLL_BYTES) {
        finish();
      }
    }

    void finish() {
      if (writer == null) {
        return;
      }
      try {
        writer.finish();
      } catch (RocksDBException e) {
        throw new IllegalStateException("finishing a bulk file failed: " + e.getMessage(), e);
      } finally {
        writer.close();
        writer = null;
        bytes = 0;
      }
    }

    void abandon() {
      if (writer != null) {
        writer.close();
        writer = null;
      }
    }
  }

  /** A byte string as a map key, ordered as RocksDB orders keys. */
  private record Bytes(byte[] b) implements Comparable<Bytes> {
    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes other && Arrays.equals(b, other.b);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(b);
    }

    @Override
    public int compareTo(Bytes o) {
      return Arrays.compareUnsigned(b, o.b);
    }
  }
}
