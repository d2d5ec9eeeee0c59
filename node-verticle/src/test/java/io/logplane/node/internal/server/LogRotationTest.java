package io.logplane.node.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRotationTest {
  @TempDir
  Path dir;
  private final List<String> reopened = new ArrayList<>();
  private boolean running = true;
  private Instant now = Instant.parse("2026-01-01T10:00:00Z");

  /** A runtime whose reopen starts a new, empty file at the path, as conmon does. */
  private final LogFiles files = new LogFiles() {
    @Override
    public Path logPath(JsonNode pod, String name, int attempt) {
      throw new AssertionError("not asked");
    }

    @Override
    public boolean running(String id) {
      return running;
    }

    @Override
    public void reopen(String id) {
      reopened.add(id);
      try {
        Files.writeString(log(), "");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  private Path log() {
    return dir.resolve("ns_web_u-1").resolve("c").resolve("2.log");
  }

  private LogRotation rotation() {
    return new LogRotation(dir, files, 10, 3, Clock.fixed(now, ZoneOffset.UTC));
  }

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(log().getParent())) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aRunningContainersLogOverTheLimitIsRenamedAndReopenedKeepingTheNewestFiles() throws IOException {
    Files.createDirectories(log().getParent());
    Files.writeString(log(), "123456789");
    rotation().rotateAll();
    assertEquals(List.of("2.log"), names(), "under the limit");

    Files.writeString(log(), "1234567890");
    rotation().rotateAll();
    assertEquals(List.of("u-1.c.2"), reopened);
    assertEquals(List.of("2.log", "2.log.20260101-100000"), names());
    assertEquals(0, Files.size(log()));
    assertEquals("1234567890", Files.readString(log().resolveSibling("2.log.20260101-100000")));

    for (int i = 1; i <= 3; i++) {
      now = now.plusSeconds(60);
      Files.writeString(log(), "more than ten " + i);
      rotation().rotateAll();
    }
    assertEquals(List.of("2.log", "2.log.20260101-100200", "2.log.20260101-100300"), names());
  }

  @Test
  void conmonsFileOfAReopeningIsNeitherCountedNorRemoved() throws IOException {
    Files.createDirectories(log().getParent());
    Files.writeString(log().resolveSibling("2.log.tmp"), "conmon's, being reopened");
    for (int i = 0; i < 3; i++) {
      now = now.plusSeconds(60);
      Files.writeString(log(), "more than ten " + i);
      rotation().rotateAll();
    }
    assertEquals(List.of("2.log", "2.log.20260101-100200", "2.log.20260101-100300", "2.log.tmp"), names());
  }

  @Test
  void anEndedContainersLogStaysAsItIs() throws IOException {
    Files.createDirectories(log().getParent());
    Files.writeString(log(), "a long log of a run that ended");
    running = false;
    assertFalse(rotation().rotate(log()));
    assertEquals(List.of("2.log"), names());
  }

  @Test
  void aLogWhoseContainerCannotReopenItIsPutBack() throws IOException {
    Files.createDirectories(log().getParent());
    Files.writeString(log(), "a long log");
    LogFiles plain = new LogFiles() {
      @Override
      public Path logPath(JsonNode pod, String name, int attempt) {
        throw new AssertionError("not asked");
      }

      @Override
      public boolean running(String id) {
        return true;
      }
    };
    LogRotation r = new LogRotation(dir, plain, 5, 5, Clock.systemUTC());
    assertThrows(UnsupportedOperationException.class, () -> r.rotate(log()));
    assertEquals(List.of("2.log"), names());
    assertTrue(Files.readString(log()).startsWith("a long"));
  }
}
