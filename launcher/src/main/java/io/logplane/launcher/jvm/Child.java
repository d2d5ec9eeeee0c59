package io.logplane.launcher.jvm;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The child JVM, run in the launcher's place: it shares the launcher's stdin, stdout and stderr;
 * a SIGTERM or Ctrl-C that stops the launcher stops the child, and the launcher waits for it and
 * exits with its code, so whoever started the launcher sees the child's shutdown to its end.
 */
final class Child {

  private Child() {}

  /**
   * Runs the command with the launcher's environment and {@code extraEnv}; returns its exit code
   * (or exits with it when this JVM is shutting down).
   */
  static int run(List<String> command, Map<String, String> extraEnv) {
    Process child;
    try {
      ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
      builder.environment().putAll(extraEnv);
      child = builder.start();
    } catch (IOException e) {
      System.err.println("logplane: cannot start " + command.get(0) + ": " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      child.destroy();
      // halt, not exit: the shutdown already under way would otherwise end with the signal's code
      Runtime.getRuntime().halt(waitFor(child));
    }, "stop-child"));
    return waitFor(child);
  }

  private static int waitFor(Process child) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return child.waitFor();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
