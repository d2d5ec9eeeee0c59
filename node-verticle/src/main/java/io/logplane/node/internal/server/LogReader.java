package io.logplane.node.internal.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.StandardOpenOption;
import java.util.function.BooleanSupplier;

/**
 * Reads a container's CRI log file into a {@link LogCopy}, as the kubelet's {@code ReadLogs}:
 * from the start of the last {@code tail} lines (an unfinished last line not counted), to the
 * end; when following, on as the file grows until the container no longer runs, then to the
 * end once more, and on to the new file at the path once the log was rotated. Blocking: run it
 * on a thread of its own.
 */
final class LogReader {
  /** How often a followed log is looked at again when it did not grow. */
  static final long POLL_MILLIS = 100;

  private LogReader() {}

  /**
   * Copies {@code file} as {@code options} say.
   *
   * @param running   whether the container still runs (asked only when following)
   * @param cancelled whether the client went away
   */
  static void copy(Path file, LogOptions options, LineSink copy, BooleanSupplier running,
      BooleanSupplier cancelled) throws IOException, InterruptedException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      Object key = fileKey(file);
      ch.position(tailStart(ch, options.tail()));
      Lines lines = new Lines(ch);
      boolean last = false;
      while (!copy.done() && !cancelled.getAsBoolean()) {
        if (lines.next(copy)) {
          continue;
        }
        if (!options.follow() || last) {
          lines.rest(copy); // an unfinished last line, written as it is
          return;
        }
        Object now = currentKey(file, key);
        if (!now.equals(key)) {
          // Rotated: the run writes to a new file at the path; the old one is read to its end.
          while (!copy.done() && lines.next(copy)) {
            // drained
          }
          ch.close();
          ch = FileChannel.open(file, StandardOpenOption.READ);
          key = now;
          lines = new Lines(ch);
          continue;
        }
        // The container ended: what it wrote up to now is read once more, then the copy ends.
        last = !running.getAsBoolean();
        if (!last) {
          Thread.sleep(POLL_MILLIS);
        }
      }
    } finally {
      ch.close();
    }
  }

  /** The key of the file at the path now; {@code between} while a rotation left none there. */
  private static Object currentKey(Path file, Object between) throws IOException {
    try {
      return fileKey(file);
    } catch (java.nio.file.NoSuchFileException e) {
      return between;
    }
  }

  private static Object fileKey(Path file) throws IOException {
    return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
  }

  /**
   * Where the last {@code n} lines start ({@code tail.FindTailLineStartIndex}): 0 for all
   * ({@code n < 0}) or when the file has fewer; an unfinished last line is not counted.
   */
  static long tailStart(FileChannel ch, long n) throws IOException {
    if (n < 0) {
      return 0;
    }
    long count = 0;
    ByteBuffer block = ByteBuffer.allocate(64 * 1024);
    long end = ch.size();
    while (end > 0) {
      long start = Math.max(0, end - block.capacity());
      block.clear().limit((int) (end - start));
      ch.read(block, start);
      for (int i = (int) (end - start) - 1; i >= 0; i--) {
        if (block.get(i) == '\n' && ++count == n + 1) {
          return start + i + 1;
        }
      }
      end = start;
    }
    return 0;
  }

  /** The lines of a channel from its position; an unfinished line waits for its newline. */
  private static final class Lines {
    private final FileChannel ch;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    Lines(FileChannel ch) {
      this.ch = ch;
      buffer.flip();
    }

    /** Gives the next full line to {@code copy}; false at the end of what the file holds now. */
    boolean next(LineSink copy) throws IOException {
      while (true) {
        while (buffer.hasRemaining()) {
          byte b = buffer.get();
          pending.write(b);
          if (b == '\n') {
            copy.line(pending.toByteArray());
            pending.reset();
            return true;
          }
        }
        buffer.clear();
        int n = ch.read(buffer);
        buffer.flip();
        if (n <= 0) {
          return false;
        }
      }
    }

    void rest(LineSink copy) {
      if (pending.size() > 0) {
        copy.line(pending.toByteArray());
        pending.reset();
      }
    }
  }
}
