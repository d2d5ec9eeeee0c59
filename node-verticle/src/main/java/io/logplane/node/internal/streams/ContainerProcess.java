package io.logplane.node.internal.streams;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command run in a container by {@code runc exec}, in the foreground: over pipes, or with a
 * terminal ({@code runc exec --tty}, which needs its own stdin to be a terminal: it is given a
 * {@link Terminal} of the node's as its stdio and controlling terminal, {@code setsid --ctty},
 * and relays the terminal's resizes to the container's). runc writes the pid file once the
 * command started: a runc that ends without one failed to start it, and what it wrote is its
 * reason.
 */
public final class ContainerProcess {
  private final Process process;
  private final Terminal terminal;
  private final Path pidFile;

  private ContainerProcess(Process process, Terminal terminal, Path pidFile) {
    this.process = process;
    this.terminal = terminal;
    this.pidFile = pidFile;
  }

  /**
   * Starts {@code runcExec}, the {@code runc exec} line that writes {@code pidFile}.
   *
   * @param stdin  whether the command reads a stdin (else it reads an empty one)
   * @param stdout whether the command's stdout is read (else it is dropped)
   * @param tty    whether it runs on a terminal (stdout and stderr are then one)
   */
  public static ContainerProcess start(List<String> runcExec, Path pidFile, boolean stdin, boolean stdout,
      boolean tty, int width, int height) throws IOException {
    Files.deleteIfExists(pidFile);
    if (!tty) {
      ProcessBuilder b = new ProcessBuilder(runcExec);
      if (!stdin) {
        b.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      }
      if (!stdout) {
        b.redirectOutput(ProcessBuilder.Redirect.DISCARD);
      }
      return new ContainerProcess(b.start(), null, pidFile);
    }
    Terminal t = Terminal.open(width, height);
    try {
      List<String> line = new ArrayList<>(List.of("/bin/sh", "-c",
          "exec setsid --ctty \"$@\" <>\"$0\" >&0 2>&0", t.path()));
      line.addAll(runcExec);
      ProcessBuilder b = new ProcessBuilder(line).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
      return new ContainerProcess(b.start(), t, pidFile);
    } catch (IOException | RuntimeException e) {
      t.close();
      throw e;
    }
  }

  public boolean tty() {
    return terminal != null;
  }

  /** What the command writes to its stdout, or to its terminal. */
  public InputStream stdout() {
    return terminal != null ? terminal.output() : process.getInputStream();
  }

  /** What the command writes to its stderr; nothing with a terminal. */
  public InputStream stderr() {
    return terminal != null ? InputStream.nullInputStream() : process.getErrorStream();
  }

  /** Gives the command {@code bytes} of its stdin. */
  public void write(byte[] bytes) throws IOException {
    if (terminal != null) {
      terminal.write(bytes);
    } else {
      OutputStream in = process.getOutputStream();
      in.write(bytes);
      in.flush();
    }
  }

  /** Ends the command's stdin (a terminal stays: its end is the session's). */
  public void closeStdin() throws IOException {
    if (terminal == null) {
      process.getOutputStream().close();
    }
  }

  public void resize(int width, int height) throws IOException {
    if (terminal != null) {
      terminal.resize(width, height);
    }
  }

  /**
   * Waits until the command started or runc ended without starting it; true when it started.
   * What runc writes before then is its own error, not the command's output.
   */
  public boolean awaitStarted() throws InterruptedException {
    while (!Files.exists(pidFile)) {
      if (!process.isAlive()) {
        return Files.exists(pidFile);
      }
      Thread.sleep(5);
    }
    return true;
  }

  /** Waits for runc's end, the command's exit code; the terminal is then let go of. */
  public int waitFor() throws InterruptedException {
    int code = process.waitFor();
    if (terminal != null) {
      terminal.hangUp();
    }
    return code;
  }

  /** Asks the command to end (runc passes {@code SIGTERM} on to it) and ends its stdin. */
  public void stop() {
    process.destroy();
    try {
      closeStdin();
    } catch (IOException e) {
      // already closed
    }
  }

  /** Lets go of the terminal and the pid file, once the command ended and its output was read. */
  public void release() {
    if (terminal != null) {
      terminal.close();
    }
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      // a leftover pid file is overwritten by the next exec
    }
  }
}
