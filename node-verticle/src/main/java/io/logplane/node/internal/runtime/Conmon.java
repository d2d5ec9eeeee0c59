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

/**
 * Creates containers through conmon, the monitor CRI-O uses: conmon runs {@code runc create},
 * then stays, detached from the node agent, as the container's parent. It holds the container's
 * stdout and stderr and writes them to the container's log in the CRI format the kubelet's
 * {@code kubectl logs} reads ({@code 2006-01-02T15:04:05.999999999Z07:00 stdout F line}), and it
 * writes the exit code to a file named after the container when the container ends ({@code
 * 128+signal} when killed), with an {@code oom} file beside it after an OOM kill. So the agent can
 * stop and start again and find, for each container, runc's state and, once it ended, its exit
 * code: nothing about a container lives only in the agent's memory.
 *
 * <p>conmon reports the result of the create on a "sync" file descriptor ({@code
 * _OCI_SYNCPIPE}): {@code {"data": pid}}, or {@code {"data": -1, "message": ...}}. It is given a
 * file, read once conmon's first process returned.
 */
final class Conmon {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path binary;
  private final Runc runc;
  private final Path exitDir;

  Conmon(Path binary, Runc runc, Path exitDir) {
    this.binary = binary;
    this.runc = runc;
    this.exitDir = exitDir;
  }

  /**
   * Creates the container of {@code bundle} (not started yet) and returns its pid.
   *
   * @param stateDir the container's own directory: conmon's pid, its sync answer, the oom mark
   * @param stdio    the stdin (written by clients through conmon's attach socket,
   *                 {@code stateDir/attach}) and terminal conmon opens for the container
   */
  long create(String id, Path bundle, Path log, Path stateDir, ContainerStdio stdio) {
    Path sync = stateDir.resolve("conmon.sync");
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "exec \"$@\" 3>\"$0\"",
        sync.toString(), binary.toString(), "--api-version", "1", "-c", id, "-u", id, "-n", id,
        "-r", runc.binary().toString(), "-b", bundle.toString(),
        "-p", stateDir.resolve("pid").toString(), "-P", stateDir.resolve("conmon.pid").toString(),
        "-l", "k8s-file:" + log, "--exit-dir", exitDir.toString(),
        "--persist-dir", stateDir.toString(), "--socket-dir-path", stateDir.toString(),
        "--runtime-arg", "--root", "--runtime-arg", runc.root().toString(), "--log-level", "error"));
    if (stdio.stdin()) {
      command.add("--stdin");
      if (!stdio.stdinOnce()) {
        command.add("--leave-stdin-open");
      }
    }
    if (stdio.tty()) {
      command.add("--terminal");
    }
    try {
      Files.createDirectories(log.getParent());
      Files.createDirectories(exitDir);
      Files.deleteIfExists(sync);
      Exec.Result started = Exec.run(command, null, Map.of("_OCI_SYNCPIPE", "3"));
      if (!started.ok()) {
        throw new Exec.Failed(command, started);
      }
      JsonNode answer = awaitAnswer(sync);
      long pid = answer.path("data").asLong(-1);
      if (pid <= 0) {
        throw new IllegalStateException("cannot create container " + id + ": "
            + answer.path("message").asText("conmon gave no reason").strip());
      }
      return pid;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The container's exit code once it ended, else null. */
  Integer exitCode(String id) {
    Path file = exitDir.resolve(id);
    try {
      return Files.exists(file) ? Integer.valueOf(Files.readString(file).strip()) : null;
    } catch (IOException | NumberFormatException e) {
      return null; // being written: not ended yet as far as the caller can tell
    }
  }

  /** Where conmon writes the container's exit code: its time is the container's end. */
  Path exitFile(String id) {
    return exitDir.resolve(id);
  }

  void forget(String id) {
    try {
      Files.deleteIfExists(exitDir.resolve(id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** conmon writes its answer once runc create returned, a line of JSON. */
  private static JsonNode awaitAnswer(Path sync) throws IOException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (Files.exists(sync)) {
        String text = Files.readString(sync);
        int end = text.indexOf('\n');
        if (end > 0) {
          return JSON.readTree(text.substring(0, end));
        }
      }
      Sleep.millis(5);
    }
    throw new IllegalStateException("conmon gave no answer within a minute: " + sync);
  }
}
