package io.logplane.launcher;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One server per data directory: an OS lock on {@value #FILE} in it, taken before anything else
 * opens the directory and held for the life of the process that serves it. The OS drops it when
 * that process ends, however it ends, so a crash leaves no stale lock behind. The file names its
 * holder (pid, start time) for the message another start prints; its content means nothing
 * while it is not locked.
 */
public final class DataDirLock implements AutoCloseable {

  public static final String FILE = "logplane.lock";

  // The directories this JVM holds. A lock belongs to the process, and closing any channel of
  // the file releases it, so a second attempt here must be answered without opening the file.
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  /** The data directory is locked by another process, or by this one already. */
  public static final class InUse extends CannotStartException {
    private final long pid;

    InUse(Path dir, long pid, String started) {
      super("the data directory " + dir + " is in use by " + (pid < 0 ? "another process" : "process " + pid)
          + (started == null ? "" : " (started " + started + ")")
          + ": one server per data directory; stop that one first, or give another --data-dir");
      this.pid = pid;
    }

    /** The holder's pid, or -1 when it has not written it yet. */
    public long pid() {
      return pid;
    }
  }

  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(Path key, FileChannel channel, FileLock lock) {
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Creates the directory if need be and locks it.
   *
   * @throws InUse when another process (or this one) holds it
   */
  public static DataDirLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    Path key;
    try {
      key = Files.createDirectories(dataDir).toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
    }
    if (!HELD.add(key)) {
      throw new InUse(dataDir, ProcessHandle.current().pid(), null);
    }
    FileChannel channel = null;
    InUse inUse;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock != null) {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holder().getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new DataDirLock(key, channel, lock);
      }
      Properties holder = read(channel);
      String pid = holder.getProperty("pid", "");
      inUse = new InUse(dataDir, pid.matches("\\d+") ? Long.parseLong(pid) : -1, holder.getProperty("started"));
    } catch (IOException | OverlappingFileLockException e) {
      closeQuietly(channel);
      HELD.remove(key);
      throw new IllegalStateException("cannot lock " + file + ": " + e, e);
    }
    closeQuietly(channel);
    HELD.remove(key);
    throw inUse;
  }

  private static String holder() {
    ProcessHandle self = ProcessHandle.current();
    String started = self.info().startInstant().orElseGet(Instant::now).toString();
    return "pid=" + self.pid() + "\nstarted=" + started + "\n";
  }

  private static Properties read(FileChannel channel) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
    channel.read(buf, 0);
    Properties p = new Properties();
    p.load(new StringReader(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8)));
    return p;
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing was locked through it
      }
    }
  }

  /** Releases the lock; the file stays, for the next holder to write itself into. */
  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the lock goes with the channel, or at the latest with the process
    } finally {
      HELD.remove(key);
    }
  }
}
