package io.logplane.projections;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
  private final Options options = new Options().setCompressionType(CompressionType.LZ4_COMPRESSION).setCompressionOptions(new org.rocksdb.CompressionOptions().setLevel(-4));
  private final EnvOptions env = new EnvOptions();
  private final List<Path> files = new ArrayList<>();
  private Stream events = new Stream("e");
  private Stream audits = new Stream("a");
  /** Version index keys by object (their key up to the offset), each object's in the order they came. */
  private final Map<Bytes, List<byte[]>> history = new HashMap<>();
  /** The last value of every other key: a byte[], a {@link Tail}, or null for deleted. */
  private final Map<Bytes, Object> latest = new HashMap<>();
  private final java.util.concurrent.ExecutorService writerThread =
      java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "logplane-bulk-write");
        t.setDaemon(true);
        return t;
      });
  /** Runs handed to the writer thread and not written yet: bounds what waits in memory. */
  private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(32);
  private volatile RuntimeException failure;
  private java.util.concurrent.CompletableFuture<Void> pending =
      java.util.concurrent.CompletableFuture.completedFuture(null);
  private long applied = -1;
  private ChangeSet.Range partOf;
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
        byte p = key.length > 2 && key[1] == ':' ? key[0] : 0;
        if (p == 'e' || p == 'a' || p == 'h') {
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
    events.abandon();
    audits.abandon();
    awaitWritesQuietly();
    for (Path f : files) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    files.clear();
    events = new Stream("e");
    audits = new Stream("a");
    history.clear();
    latest.clear();
    applied = -1;
    partOf = null;
    loaded = 0;
  }

  private void awaitWritesQuietly() {
    pending.join();
    failure = null;
  }

  /** True while the parts of a range are being added (the store is not whole before the last one). */
  public boolean inParts() {
    return partOf != null;
  }

  private void route(byte[] key, byte[] value) {
    byte p = key.length > 2 && key[1] == ':' ? key[0] : 0;
    if (p == 'e' && value != null) {
      events.put(key, value);
    } else if (p == 'a' && value != null) {
      audits.put(key, value);
    } else if (p == 'h' && value != null && value.length == 0 && key.length > 2 + SUFFIX) {
      history.computeIfAbsent(new Bytes(key, key.length - SUFFIX + 1), k -> new ArrayList<>(4)).add(key);
    } else if (p == 'e' || p == 'a' || p == 'h') {
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
    store.ingest(files);
  }

  private void writeHistory() {
    List<Bytes> objects = new ArrayList<>(history.keySet());
    objects.sort(null);
    Stream out = new Stream("h");
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
    Stream out = new Stream("s");
    for (Map.Entry<Bytes, Object> e : entries) {
      out.put(e.getKey().b, e.getValue() instanceof Tail t ? Arrays.copyOfRange(t.source, t.start, t.source.length)
          : (byte[]) e.getValue());
    }
    out.finish();
  }

  @Override
  public void close() {
    events.abandon();
    audits.abandon();
    try {
      pending.join();
    } finally {
      writerThread.shutdown();
      options.close();
      env.close();
    }
  }

  /**
   * Sorted files of one key space, written as the keys come (each greater than the one before).
   * The keys are checked here and written on the load's writer thread, in the order given, in
   * runs of a few hundred: the caller goes on decoding while RocksDB builds and compresses blocks.
   */
  private final class Stream {
    private static final int RUN = 512;

    private final String name;
    private SstFileWriter writer;
    private byte[] lastKey;
    private long bytes;
    private byte[][] run = new byte[RUN * 2][];
    private int size;

    Stream(String name) {
      this.name = name;
    }

    void put(byte[] key, byte[] value) {
      if (lastKey != null && Arrays.compareUnsigned(lastKey, key) >= 0) {
        throw new IllegalArgumentException("change sets out of order: a key of " + name + " does not grow");
      }
      lastKey = key;
      run[size++] = key;
      run[size++] = value;
      if (size == run.length) {
        flushRun();
      }
    }

    private void flushRun() {
      if (size == 0) {
        return;
      }
      byte[][] ops = run;
      int n = size;
      run = new byte[RUN * 2][];
      size = 0;
      inFlight.acquireUninterruptibly();
      try {
        background(() -> {
          try {
            for (int i = 0; i < n; i += 2) {
              write(ops[i], ops[i + 1]);
            }
          } finally {
            inFlight.release();
          }
        });
      } catch (RuntimeException e) {
        inFlight.release();
        throw e;
      }
    }

    /** On the writer thread. */
    private void write(byte[] key, byte[] value) {
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
      bytes += key.length + value.length;
      if (bytes > ROLL_BYTES) {
        close();
      }
    }

    /** Writes what is left and closes the file; waits until it is on disk. */
    void finish() {
      flushRun();
      background(this::close);
      awaitWrites();
    }

    /** On the writer thread. */
    private void close() {
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

    /** Closes an unfinished file, whatever happened before. */
    void abandon() {
      pending = pending.thenRunAsync(() -> {
        if (writer != null) {
          writer.close();
          writer = null;
        }
      }, writerThread);
    }
  }

  /**
   * Runs a step of a stream on the writer thread, after the ones before it. After a step failed
   * the later ones are passed over (their finally blocks still run) and {@link #awaitWrites}
   * throws what it threw.
   */
  private void background(Runnable step) {
    if (failure != null) {
      throw failure;
    }
    pending = pending.thenRunAsync(() -> {
      if (failure == null) {
        try {
          step.run();
        } catch (RuntimeException e) {
          failure = e;
        }
      }
    }, writerThread);
  }

  private void awaitWrites() {
    pending.join();
    if (failure != null) {
      throw failure;
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
