package io.logplane.tests.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Logplane's commands as processes: {@code io.logplane.launcher.Main} on the test's class path, in a JVM of its own. */
final class ProcessRunner implements Runner {

  @Override
  public Running start(List<String> args, Path files, Path output, int heapMegabytes) throws IOException {
    return new Started(launch(args, output, heapMegabytes));
  }

  /**
   * {@code logplane} with {@code args} in a JVM of its own, its stdout and stderr appended to
   * {@code output}: what a user runs, with the test class path for the jar.
   */
  static Process launch(List<String> args, Path output, int heapMegabytes) throws IOException {
    Files.createDirectories(output.getParent());
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heapMegabytes + "m", "-cp", System.getProperty("java.class.path"), "io.logplane.launcher.Main"));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    // This JVM is the server: a signal to its pid reaches it, not a launcher in between.
    pb.environment().put("LOGPLANE_NO_RELAUNCH", "1");
    return pb.start();
  }

  private record Started(Process process) implements Running {

    @Override
    public boolean isAlive() {
      return process.isAlive();
    }

    @Override
    public int exitValue() {
      return process.exitValue();
    }

    @Override
    public void kill() {
      process.destroyForcibly();
      waitFor(30);
    }

    @Override
    public void signal(String name) {
      try {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).redirectErrorStream(true)
            .start();
        String said = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
          throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed: " + said);
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      process.destroy();
      if (!waitFor(30)) {
        kill();
      }
    }

    private boolean waitFor(int seconds) {
      try {
        return process.waitFor(seconds, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }
}
