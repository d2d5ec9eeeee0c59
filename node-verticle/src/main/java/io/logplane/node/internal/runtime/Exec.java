package io.logplane.node.internal.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a host command to its end: the arguments, an optional stdin and extra environment in; the
 * exit code, stdout and stderr out. Blocking; the node calls it off its event loop.
 */
public final class Exec {

  /** What a command did. */
  record Result(int exitCode, String stdout, String stderr) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  /** Thrown by {@link #check} when a command fails: its line, exit code and stderr. */
  public static final class Failed extends RuntimeException {
    final Result result;

    Failed(List<String> command, Result result) {
      super(String.join(" ", command) + " exited " + result.exitCode + ": "
          + (result.stderr.isBlank() ? result.stdout : result.stderr).strip());
      this.result = result;
    }
  }

  /** Threads that read the commands' stderr, one per command running; idle ones leave. */
  private static final java.util.concurrent.ExecutorService STDERR_READERS =
      java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "exec-stderr");
        t.setDaemon(true);
        return t;
      });

  private Exec() {}

  static Result run(List<String> command, String stdin, Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      // not the common pool: it has one thread on a 2-core machine, and a reader there blocks
      // until its process ends, so every other command's stderr would wait behind it
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()),
          STDERR_READERS);
      try (var in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      String out = read(process.getInputStream());
      return new Result(process.waitFor(), out, err.join());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command.get(0), e);
    }
  }

  static Result run(String... command) {
    return run(List.of(command), null, Map.of());
  }

  /** Runs the command and returns its stdout; a non-zero exit throws {@link Failed}. */
  public static String check(String... command) {
    Result result = run(command);
    if (!result.ok()) {
      throw new Failed(List.of(command), result);
    }
    return result.stdout;
  }

  /** Runs the command with {@code stdin} as its input; its stdout, a non-zero exit throws {@link Failed}. */
  public static String check(String stdin, List<String> command) {
    Result result = run(command, stdin, Map.of());
    if (!result.ok()) {
      throw new Failed(command, result);
    }
    return result.stdout;
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
