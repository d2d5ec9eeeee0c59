package io.logplane.node.internal.images;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The index's file, safe against two writers: the running node and {@code logplane images}
 * in another process. A change holds an exclusive lock on {@code index.lock} (a file lock
 * between processes, a plain lock between threads of one process, which a file lock does not
 * order) and replaces {@code index.json} by an atomic rename; a reader without the lock sees
 * the old or the new index, never a mix.
 */
final class IndexFile {

  /** A change made under the lock: returns its result, and may replace the index. */
  interface Change<T> {
    T apply(StoreIndex index, Writer writer) throws IOException;
  }

  /** Replaces the index, still under the lock. */
  interface Writer {
    void write(StoreIndex index) throws IOException;
  }

  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private final Path file;
  private final Path lockFile;

  IndexFile(Path dir) {
    this.file = dir.resolve("index.json");
    this.lockFile = dir.resolve("index.lock");
  }

  StoreIndex read() throws IOException {
    try {
      return OciConfig.JSON.readValue(Files.readAllBytes(file), StoreIndex.class);
    } catch (NoSuchFileException e) {
      return StoreIndex.empty();
    }
  }

  <T> T update(Change<T> change) throws IOException {
    Files.createDirectories(file.getParent());
    ReentrantLock threads = LOCKS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), p -> new ReentrantLock());
    threads.lock();
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      return change.apply(read(), this::write);
    } finally {
      threads.unlock();
    }
  }

  private void write(StoreIndex index) throws IOException {
    Path tmp = file.resolveSibling("index.json.tmp");
    Files.write(tmp, OciConfig.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(index));
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
