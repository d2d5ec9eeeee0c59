package io.logplane.node.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogReaderTest {
  @TempDir
  Path dir;

  private Path file(String text) throws IOException {
    return Files.writeString(dir.resolve("0.log"), text);
  }

  private static String read(Path file, LogOptions options) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LogReader.copy(file, options, new LogCopy(options, out::writeBytes), () -> false, () -> false);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String line(int i) {
    return "2026-01-01T00:00:0" + i + "Z stdout F line " + i + "\n";
  }

  @Test
  void tailStartsAtTheLastLinesNotCountingAnUnfinishedOne() throws IOException {
    Path f = file("a\nbb\nccc\ndd");
    try (FileChannel ch = FileChannel.open(f)) {
      assertEquals(0, LogReader.tailStart(ch, -1));
      assertEquals(9, LogReader.tailStart(ch, 0));
      assertEquals(5, LogReader.tailStart(ch, 1));
      assertEquals(2, LogReader.tailStart(ch, 2));
      assertEquals(0, LogReader.tailStart(ch, 3));
      assertEquals(0, LogReader.tailStart(ch, 10));
    }
  }

  @Test
  void tailCountsAcrossBlocksOfALargeFile() throws IOException {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      b.append("2026-01-01T00:00:00Z stdout F ").append(i).append('\n');
    }
    Path f = file(b.toString());
    try (FileChannel ch = FileChannel.open(f)) {
      long start = LogReader.tailStart(ch, 15_000);
      assertEquals(b.indexOf("2026-01-01T00:00:00Z stdout F 5000\n"), start);
    }
  }

  @Test
  void readsTheLastLinesThenTheUnfinishedOne() throws Exception {
    Path f = file(line(1) + line(2) + line(3) + "2026-01-01T00:00:04Z stdout F unfin");
    assertEquals("line 1\nline 2\nline 3\nunfin", read(f, LogOptions.ALL));
    assertEquals("line 2\nline 3\n", read(f, new LogOptions(2, -1, null, false, false, false)));
  }

  @Test
  void followingReadsWhatIsWrittenWhileTheContainerRunsAndTheRestOnceItEnded() throws Exception {
    Path f = file(line(1) + line(2));
    LogOptions options = new LogOptions(1, -1, null, true, false, false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AtomicInteger polls = new AtomicInteger();
    // Each time the reader finds the end, the container writes a line, ending after the third.
    LogReader.copy(f, options, new LogCopy(options, out::writeBytes), () -> {
      int n = polls.incrementAndGet();
      try {
        Files.writeString(f, line(2 + n), StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return n < 3;
    }, () -> false);
    assertEquals("line 2\nline 3\nline 4\nline 5\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void followingStopsWhenTheClientWentAway() throws Exception {
    Path f = file(line(1));
    LogOptions options = new LogOptions(-1, -1, null, true, false, false);
    AtomicInteger asked = new AtomicInteger();
    LogReader.copy(f, options, new LogCopy(options, b -> { }), () -> true,
        () -> asked.incrementAndGet() > 3);
    assertEquals(4, asked.get());
  }

  @Test
  void followingGoesOnToTheNewFileOnceTheLogWasRotated() throws Exception {
    Path f = file(line(1));
    LogOptions options = new LogOptions(-1, -1, null, true, false, false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AtomicInteger polls = new AtomicInteger();
    // At the first end: a last line to the old file, which is renamed, and one to a new file.
    LogReader.copy(f, options, new LogCopy(options, out::writeBytes), () -> {
      try {
        if (polls.incrementAndGet() == 1) {
          Files.writeString(f, line(2), StandardOpenOption.APPEND);
          Files.move(f, f.resolveSibling("0.log.20260101-000000"));
          Files.writeString(f, line(3));
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return polls.get() < 3;
    }, () -> false);
    assertEquals("line 1\nline 2\nline 3\n", out.toString(StandardCharsets.UTF_8));
  }
}
