package io.logplane.node.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * runc, with a state root of the node's own so its containers never mix with another runc
 * user's: state, start, kill, delete and list by container id. Creating is {@link Conmon}'s
 * part, so the container's stdio and exit code have an owner that outlives the node agent.
 */
public final class Runc {

  /** A container as runc sees it: {@code created}, {@code running}, {@code paused} or {@code stopped}. */
  public record State(String status, long pid) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a container's {@code state.json} said of its init, and which version of the file said it. */
  private record Init(java.nio.file.attribute.FileTime modified, Object file, long pid, long start) {}

  private final Path binary;
  private final Path root;
  private final Map<String, Init> inits = new ConcurrentHashMap<>();

  public Runc(Path binary, Path root) {
    this.binary = binary;
    this.root = root;
  }

  Path binary() {
    return binary;
  }

  Path root() {
    return root;
  }

  /**
   * The container's state, or empty when runc does not know it: what {@code runc state} says,
   * read from runc's own files as runc reads them, without starting a process (a node relists
   * every container every second). The init process named in the container's {@code
   * state.json} runs when {@code /proc/PID/stat} shows it with the start time runc recorded and
   * not a zombie; then it is {@code created} while runc's {@code exec.fifo} waits for the start,
   * else {@code running}. Anything else is {@code stopped}, with pid 0.
   */
  public Optional<State> state(String id) {
    Path dir = root.resolve(id);
    Init init;
    try {
      init = init(id, dir.resolve("state.json"));
    } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
      inits.remove(id);
      return Optional.empty();
    } catch (IOException e) {
      // runc writes state.json anew through a rename: a reader may only miss the file
      if (!Files.exists(dir.resolve("state.json"))) {
        inits.remove(id);
        return Optional.empty();
      }
      throw new UncheckedIOException(e);
    }
    long pid = init.pid();
    long start = init.start();
    if (pid <= 0 || !ProcStat.alive(pid, start)) {
      return Optional.of(new State("stopped", 0));
    }
    return Optional.of(new State(Files.exists(dir.resolve("exec.fifo")) ? "created" : "running", pid));
  }

  /**
   * The init process {@code state.json} names, parsed again only when the file was written anew
   * (its pid and start time do not change in a container's life, but runc rewrites the file at
   * its start): a node reads every container's state every second.
   */
  private Init init(String id, Path file) throws IOException {
    java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(file,
        java.nio.file.attribute.BasicFileAttributes.class);
    Init known = inits.get(id);
    if (known != null && known.modified().equals(a.lastModifiedTime()) && Objects.equals(known.file(), a.fileKey())) {
      return known;
    }
    JsonNode s = JSON.readTree(file.toFile());
    Init read = new Init(a.lastModifiedTime(), a.fileKey(), s.path("init_process_pid").asLong(),
        s.path("init_process_start").asLong(-1));
    inits.put(id, read);
    return read;
  }

  /** Runs the user process of a created container. */
  public void start(String id) {
    check(command("start", id));
  }

  /** Sends a signal ({@code TERM}, {@code KILL}) to the container's init; false when it is not running. */
  public boolean kill(String id, String signal) {
    Exec.Result r = Exec.run(command("kill", id, signal), null, java.util.Map.of());
    return r.ok();
  }

  /**
   * Runs {@code args} in the running container (its environment, user and namespaces), killed
   * when it outlives {@code timeout}; its exit code (137 when killed), stdout and stderr.
   */
  Exec.Result exec(String id, List<String> args, java.time.Duration timeout) {
    List<String> c = new ArrayList<>(List.of("timeout", "-s", "KILL",
        String.format(java.util.Locale.ROOT, "%.3f", timeout.toMillis() / 1000.0)));
    c.addAll(command("exec", id));
    c.addAll(args);
    return Exec.run(c, null, java.util.Map.of());
  }

  /**
   * The line that runs {@code args} in the running container in the foreground, with a terminal
   * or not, writing the command's pid to {@code pidFile} once it started; runc's own log (its
   * error, also written to its stderr) is dropped. A command with a terminal has {@code
   * TERM=xterm}, as containerd's exec sets it over the container's.
   */
  List<String> execLine(String id, boolean tty, Path pidFile, List<String> args) {
    List<String> c = new ArrayList<>(List.of(binary.toString(), "--root", root.toString(), "--log",
        "/dev/null", "--log-format", "json", "exec", "--pid-file", pidFile.toString()));
    if (tty) {
      c.addAll(List.of("--tty", "--env", "TERM=xterm"));
    }
    c.add(id);
    c.addAll(args);
    return c;
  }

  /** Deletes the container, killing it if it still runs; nothing happens when it is gone. */
  public void delete(String id) {
    if (state(id).isEmpty()) {
      return; // runc would only say so, a process later
    }
    inits.remove(id);
    Exec.Result r = Exec.run(command("delete", "--force", id), null, java.util.Map.of());
    if (!r.ok() && !r.stderr().contains("does not exist")) {
      throw new Exec.Failed(command("delete", "--force", id), r);
    }
  }

  /**
   * The runtime version a node reports, {@code runc://1.1.5}: the first line of
   * {@code runc --version}.
   */
  public String version() {
    return versionOf(Exec.check(binary.toString(), "--version"));
  }

  static String versionOf(String versionOutput) {
    String first = versionOutput.strip().split("\n", 2)[0].strip();
    if (!first.startsWith("runc version ")) {
      throw new IllegalStateException("runc --version said '" + first + "', not its version");
    }
    return "runc://" + first.substring("runc version ".length()).strip();
  }

  /**
   * The ids of the containers under this root: its directories, one per container, read
   * without running {@code runc list}, which fails when a container is deleted while it lists
   * (as happens all the time on a node starting and stopping many pods).
   */
  public List<String> list() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<String> command(String... args) {
    List<String> c = new ArrayList<>(List.of(binary.toString(), "--root", root.toString()));
    c.addAll(List.of(args));
    return c;
  }

  private static String check(List<String> command) {
    Exec.Result r = Exec.run(command, null, java.util.Map.of());
    if (!r.ok()) {
      throw new Exec.Failed(command, r);
    }
    return r.stdout();
  }

  private static JsonNode parse(String json) {
    try {
      return json.isBlank() || json.strip().equals("null") ? JSON.createArrayNode() : JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
