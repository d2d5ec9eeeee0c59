package io.logplane.node.internal.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the logs of running containers bounded, as the kubelet's container log manager: a log
 * over {@code maxBytes} is renamed {@code N.log.<yyyyMMdd-HHmmss>} and its container's runtime
 * made to write a new one at its path; of the renamed ones the newest {@code maxFiles - 1} are
 * kept. Unlike the kubelet's, the renamed files are not compressed. Logs are found under the
 * runtime's log directory ({@code <ns>_<pod>_<uid>/<container>/<attempt>.log}, of run
 * {@code uid.container.attempt}). Blocking: run it off the event loop, every few seconds.
 */
public final class LogRotation {
  private static final Logger LOG = LoggerFactory.getLogger(LogRotation.class);
  /** The kubelet's defaults: containerLogMaxSize 10Mi, containerLogMaxFiles 5. */
  public static final long MAX_BYTES = 10L * 1024 * 1024;
  public static final int MAX_FILES = 5;
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Path logs;
  private final LogFiles files;
  private final long maxBytes;
  private final int maxFiles;
  private final Clock clock;

  /** @param maxFiles at least 2: the log and one renamed */
  public LogRotation(Path logs, LogFiles files, long maxBytes, int maxFiles, Clock clock) {
    if (maxFiles < 2) {
      throw new IllegalArgumentException("a rotated log keeps at least 2 files, not " + maxFiles);
    }
    this.logs = logs;
    this.files = files;
    this.maxBytes = maxBytes;
    this.maxFiles = maxFiles;
    this.clock = clock;
  }

  /** Rotates every running container's log that grew over the limit. */
  public void rotateAll() {
    if (!Files.isDirectory(logs)) {
      return;
    }
    try (Stream<Path> found = Files.find(logs, 3, (p, a) -> a.isRegularFile()
        && p.getFileName().toString().matches("\\d+\\.log"))) {
      for (Path log : found.toList()) {
        try {
          rotate(log);
        } catch (RuntimeException e) {
          LOG.warn("cannot rotate log {}: {}", log, e.getMessage());
        }
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("cannot look for logs to rotate under {}: {}", logs, e.getMessage());
    }
  }

  /** Rotates {@code log} if it grew over the limit and its container runs; whether it did. */
  boolean rotate(Path log) {
    String id = runId(log);
    try {
      if (Files.size(log) < maxBytes || !files.running(id)) {
        return false;
      }
      removeExcess(log);
      Path rotated = log.resolveSibling(log.getFileName() + "." + STAMP.format(clock.instant()));
      if (Files.exists(rotated)) {
        return false; // rotated this second already
      }
      Files.move(log, rotated, StandardCopyOption.ATOMIC_MOVE);
      try {
        files.reopen(id);
      } catch (RuntimeException e) {
        Files.move(rotated, log, StandardCopyOption.ATOMIC_MOVE); // the run writes on to it
        throw e;
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Leaves the newest {@code maxFiles - 2} renamed logs, so that with the next one there are {@code maxFiles}. */
  private void removeExcess(Path log) throws IOException {
    String prefix = log.getFileName() + ".";
    List<Path> rotated;
    try (Stream<Path> siblings = Files.list(log.getParent())) {
      // only the renamed ones: conmon's N.log.tmp of a reopening is neither old nor ours
      rotated = siblings.filter(p -> p.getFileName().toString().startsWith(prefix)
          && p.getFileName().toString().substring(prefix.length()).matches("\\d{8}-\\d{6}.*")).sorted().toList();
    }
    for (int i = 0; i < rotated.size() - (maxFiles - 2); i++) {
      Files.deleteIfExists(rotated.get(i));
    }
  }

  /** {@code uid.container.attempt} of {@code <ns>_<pod>_<uid>/<container>/<attempt>.log}. */
  static String runId(Path log) {
    String pod = log.getParent().getParent().getFileName().toString();
    String attempt = log.getFileName().toString().replace(".log", "");
    return pod.substring(pod.lastIndexOf('_') + 1) + "." + log.getParent().getFileName() + "." + attempt;
  }
}
