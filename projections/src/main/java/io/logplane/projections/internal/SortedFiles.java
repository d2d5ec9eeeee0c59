package io.logplane.projections.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.rocksdb.CompressionOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.EnvOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileWriter;

/**
 * RocksDB files of sorted keys, for a bulk load: each {@link Stream} is one key space whose keys
 * come in ascending order and go into files of up to 512 MiB. Keys are checked on the caller's
 * thread and written on one writer thread, in the order given, in runs of a few hundred (at most
 * 32 runs waiting): the caller goes on while RocksDB builds and compresses blocks. The first
 * failure of a write is thrown by {@link #awaitWrites}; the writes after it are passed over.
 *
 * <p>LZ4 at acceleration 4: files about the size of the live store's (Snappy), loaded about as
 * fast as uncompressed ones, which are much larger; default LZ4 loads slower (README,
 * bench-history).
 */
public final class SortedFiles implements AutoCloseable {

  private static final long ROLL_BYTES = 512L << 20;
  private static final int RUN = 512;

  private final Path dir;
  private final Options options = new Options().setCompressionType(CompressionType.LZ4_COMPRESSION)
      .setCompressionOptions(new CompressionOptions().setLevel(-4));
  private final EnvOptions env = new EnvOptions();
  private final List<Path> files = new ArrayList<>();
  private final ExecutorService writerThread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "logplane-bulk-write");
    t.setDaemon(true);
    return t;
  });
  private final Semaphore inFlight = new Semaphore(32);
  private volatile RuntimeException failure;
  private CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);
  private int fileNumber;

  /** @param dir a directory for the files (created when missing) */
  public SortedFiles(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new key space, its files named after {@code name}. */
  public Stream stream(String name) {
    return new Stream(name);
  }

  /** Waits for every write handed over; throws what the first failed one threw. */
  public void awaitWrites() {
    pending.join();
    if (failure != null) {
      throw failure;
    }
  }

  /** Every file written, once {@link #awaitWrites} returned. */
  public List<Path> files() {
    return List.copyOf(files);
  }

  /** Waits for what is under way and deletes every file, as if nothing had been written. */
  public void discard(Stream... open) {
    for (Stream s : open) {
      s.abandon();
    }
    pending.join();
    failure = null;
    for (Path f : files) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    files.clear();
  }

  @Override
  public void close() {
    try {
      pending.join();
    } finally {
      writerThread.shutdown();
      options.close();
      env.close();
    }
  }

  /** Runs a step on the writer thread after the ones before it, unless one of those failed. */
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

  /** The files of one key space, written as its keys come (each greater than the one before). */
  public final class Stream {
    private final String name;
    private SstFileWriter writer;
    private byte[] lastKey;
    private long bytes;
    private byte[][] run = new byte[RUN * 2][];
    private int size;

    private Stream(String name) {
      this.name = name;
    }

    /** @throws IllegalArgumentException when key is not greater than the one before */
    public void put(byte[] key, byte[] value) {
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

    /** Writes what is left and closes the file; waits until it is on disk. */
    public void finish() {
      flushRun();
      background(this::close);
      awaitWrites();
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
}
