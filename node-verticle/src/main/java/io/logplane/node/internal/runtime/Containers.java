package io.logplane.node.internal.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The node's containers, each a runc container under conmon with a bundle directory of its own
 * ({@code config.json}, an overlay root over its image's files). Everything is kept on disk
 * (runc's state, conmon's exit file), so what this class reports is true after the agent
 * restarted too. Blocking; called off the event loop.
 */
public final class Containers {

  /**
   * A container now.
   *
   * @param state    {@code created}, {@code running} or {@code exited}; {@code unknown} when
   *                 runc does not know it
   * @param exitCode   once exited
   * @param startedAt  when it was started (null before): read from disk, so an agent that
   *                   restarted reports the time of the start, not of its own return
   * @param finishedAt when it ended, as conmon wrote its exit code (null before)
   */
  public record Status(String state, long pid, Integer exitCode, boolean oomKilled,
      Instant startedAt, Instant finishedAt) {
    public boolean exited() {
      return state.equals("exited");
    }
  }

  private static final Duration KILL_WAIT = Duration.ofSeconds(30);
  /** The mark a start leaves in the container's directory: its time is the start's. */
  private static final String STARTED = "started";

  private final RuntimeConfig config;
  private final Runc runc;
  private final Conmon conmon;

  public Containers(RuntimeConfig config) {
    this.config = config;
    this.runc = new Runc(config.runc(), config.runcRoot());
    this.conmon = new Conmon(config.conmon(), runc, config.exits());
  }

  /** The cgroup of container {@code id}: a child of the node's parent. */
  public String cgroupsPath(String id) {
    return "/" + config.cgroupParent() + "/" + id;
  }

  /** Creates the container (not started yet) and returns its pid; its output goes to {@code log}. */
  public long create(String id, ObjectNode spec, Path imageRootfs, Path log) {
    return create(id, spec, imageRootfs, log, ContainerStdio.NONE);
  }

  /**
   * Creates the container (not started yet) and returns its pid; its output goes to {@code log},
   * and it has the stdin that attached clients write ({@link #attachSocket}) and the terminal of
   * {@code stdio}.
   */
  public long create(String id, ObjectNode spec, Path imageRootfs, Path log, ContainerStdio stdio) {
    Path dir = config.containers().resolve(id);
    try {
      Files.createDirectories(dir);
      Mounts.overlay(imageRootfs, dir);
      Files.writeString(dir.resolve("config.json"), spec.toPrettyString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    conmon.forget(id);
    return conmon.create(id, dir, log, dir, stdio);
  }

  /**
   * Starts the created container and returns when: the time is kept in its directory ({@code
   * started}), so its status tells it after the agent restarted.
   */
  public Instant start(String id) {
    Path mark = config.containers().resolve(id).resolve(STARTED);
    try {
      Files.deleteIfExists(mark);
      runc.start(id);
      Instant at = Instant.now();
      Files.writeString(mark, at.toString());
      return at;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Has conmon close the container's log and open its path again (a new file once the old one
   * was renamed), through its control FIFO in the bundle ({@code 2 0 0}: reopen the logs). The
   * write gives up after a few seconds, as a FIFO whose conmon is gone has no reader.
   */
  public void reopenLog(String id) {
    Path ctl = config.containers().resolve(id).resolve("ctl");
    if (!Files.exists(ctl)) {
      throw new IllegalStateException("container " + id + " has no conmon control FIFO");
    }
    Exec.check("timeout", "5", "/bin/sh", "-c", "printf '2 0 0\\n' > \"$0\"", ctl.toString());
  }

  public Status status(String id) {
    Optional<Runc.State> state = runc.state(id);
    Integer exit = conmon.exitCode(id);
    Path dir = config.containers().resolve(id);
    boolean oom = Files.exists(dir.resolve("oom"));
    Instant started = startedAt(dir.resolve(STARTED));
    if (exit != null) {
      return new Status("exited", 0, exit, oom, started, modified(conmon.exitFile(id)));
    }
    if (state.isEmpty()) {
      return new Status("unknown", 0, null, false, started, null);
    }
    String s = state.get().status();
    // runc reports stopped a moment before conmon has written the exit code: not ended for us yet
    return new Status(s.equals("created") ? "created" : "running", state.get().pid(), null, false,
        started, null);
  }

  /** The time a start left in its mark; null when the container was not started. */
  private static Instant startedAt(Path mark) {
    try {
      return Instant.parse(Files.readString(mark).strip());
    } catch (IOException | java.time.format.DateTimeParseException e) {
      return null; // not started, or the mark being written
    }
  }

  /** When the file was last written; null when it is not there. */
  private static Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Stops the container as the kubelet does: SIGTERM, up to {@code grace} to end, then SIGKILL.
   * Returns its status once ended.
   */
  public Status stop(String id, Duration grace) {
    if (runc.kill(id, "TERM") && awaitExit(id, grace) != null) {
      return status(id);
    }
    runc.kill(id, "KILL");
    if (awaitExit(id, KILL_WAIT) == null && runc.state(id).isPresent()) {
      throw new IllegalStateException("container " + id + " did not end after SIGKILL");
    }
    return status(id);
  }

  /** Runs a command in the running container, killed after {@code timeout}; its exit code. */
  public int exec(String id, List<String> command, Duration timeout) {
    return runc.exec(id, command, timeout).exitCode();
  }

  /** The line that runs {@code command} in the container for a client (exec), its pid written to {@code pidFile}. */
  public List<String> execLine(String id, boolean tty, Path pidFile, List<String> command) {
    return runc.execLine(id, tty, pidFile, command);
  }

  /**
   * Resizes the terminal of container {@code id} through conmon's control FIFO ({@code 1 rows
   * columns}: a resize); gives up after a few seconds, as the FIFO of a conmon gone has no reader.
   */
  public void resizeTerminal(String id, int width, int height) {
    Path ctl = config.containers().resolve(id).resolve("ctl");
    Exec.check("timeout", "5", "/bin/sh", "-c", "printf '1 %d %d\\n' \"$1\" \"$2\" > \"$0\"", ctl.toString(),
        Integer.toString(height), Integer.toString(width));
  }

  /** conmon's attach socket of container {@code id} (a {@code SOCK_SEQPACKET} unix socket). */
  public Path attachSocket(String id) {
    return config.containers().resolve(id).resolve("attach");
  }

  /** Where the exec {@code execId} in container {@code id} has its pid written: the container's directory. */
  public Path execPidFile(String id, String execId) {
    return config.containers().resolve(id).resolve("exec-" + execId + ".pid");
  }

  /** Deletes the container, its cgroup, its root and its directory; nothing happens when gone. */
  public void remove(String id) {
    Path dir = config.containers().resolve(id);
    runc.delete(id);
    awaitConmonGone(dir.resolve("conmon.pid"));
    Mounts.unmount(dir.resolve("rootfs"));
    deleteTree(dir);
    conmon.forget(id);
  }

  /**
   * The ids of the containers runc knows or that have a directory here (a removal cut short),
   * the pods' holders included.
   */
  public List<String> list() {
    java.util.SortedSet<String> ids = new java.util.TreeSet<>(runc.list());
    if (Files.isDirectory(config.containers())) {
      try (Stream<Path> dirs = Files.list(config.containers())) {
        dirs.forEach(d -> ids.add(d.getFileName().toString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(ids);
  }

  private Integer awaitExit(String id, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    do {
      Integer code = conmon.exitCode(id);
      if (code != null) {
        return code;
      }
      Sleep.millis(10);
    } while (System.nanoTime() < deadline);
    return null;
  }

  /** conmon leaves once it wrote the exit code; a zombie counts as gone. */
  private static void awaitConmonGone(Path pidFile) {
    try {
      if (!Files.exists(pidFile)) {
        return;
      }
      Path stat = Path.of("/proc", Files.readString(pidFile).strip(), "stat");
      long deadline = System.nanoTime() + KILL_WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        String s;
        try {
          s = Files.readString(stat);
        } catch (IOException gone) {
          return;
        }
        if (!s.contains("conmon") || s.substring(s.lastIndexOf(')') + 2).startsWith("Z")) {
          return;
        }
        Sleep.millis(10);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("conmon of " + pidFile.getParent() + " did not leave");
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    if (!Mounts.under(dir).isEmpty()) {
      throw new IllegalStateException("still mounted below " + dir + ": " + Mounts.under(dir));
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
