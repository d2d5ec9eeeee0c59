package io.logplane.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The lines a process prints, read on a thread of their own, so a test waits for the next one
 * for a while and then fails with all it saw rather than blocking for ever on a read.
 */
final class OutputLines {
  private static final Optional<String> END = Optional.empty();

  private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
  private final StringBuilder seen = new StringBuilder();

  OutputLines(InputStream from) {
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
        for (String l; (l = in.readLine()) != null; ) {
          lines.add(Optional.of(l));
        }
      } catch (IOException e) {
        // the process went
      }
      lines.add(END);
    }, "output-lines");
    reader.setDaemon(true);
    reader.start();
  }

  /** The next line, or empty when none comes in {@code within}; an AssertionError once the output ended. */
  Optional<String> poll(Duration within) throws InterruptedException {
    Optional<String> l = lines.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    if (l == null) {
      return Optional.empty();
    }
    if (l.isEmpty()) {
      lines.add(END);
      throw new AssertionError("the output ended; what came:\n" + seen);
    }
    seen.append(l.get()).append('\n');
    return l;
  }

  /** The next line; null once the output ended; an AssertionError naming what came when none comes in {@code within}. */
  String next(Duration within) throws InterruptedException {
    Optional<String> l = lines.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    if (l == null) {
      throw new AssertionError("no line in " + within + "; the output so far:\n" + seen);
    }
    if (l.isEmpty()) {
      lines.add(END);
      return null;
    }
    seen.append(l.get()).append('\n');
    return l.get();
  }

  /** Every line read so far. */
  String seen() {
    return seen.toString();
  }
}
