package io.logplane.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real kubectl binary against one kubeconfig, with a time limit per command. */
final class Kubectl {

  static final String BINARY = System.getProperty("kubectl", "/usr/bin/kubectl");
  private static final long TIMEOUT_SECONDS = 90;

  /** The outcome of one kubectl run. */
  record Result(int exit, String out, String err) {
    /** Both streams, for assertion messages. */
    String all() {
      return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }

    /**
     * {@code err} without the line kubectl (client-go's WebSocket executor) logs when the
     * server's first message, the empty one on the first output channel that says the streams
     * are open, is read before kubectl registered that channel: client-go starts reading the
     * connection before it creates its streams. kube-apiserver 1.30 and later send that message
     * as soon as the WebSocket is open too, so kubectl prints the same line against it now and
     * then; what the command wrote and the status that ends it come later and are not lost.
     */
    String errBesidesStreamRace() {
      return STREAM_RACE.matcher(err).replaceAll("");
    }
  }

  private static final java.util.regex.Pattern STREAM_RACE = java.util.regex.Pattern.compile(
      "(?m)^E\\d{4} [0-9:.]+ +\\d+ websocket\\.go:\\d+\\] Unknown stream id [123], discarding message\n");

  private final Path kubeconfig;
  private final Path workDir;
  private final java.util.Map<String, String> env;

  Kubectl(Path kubeconfig, Path workDir) {
    this(kubeconfig, workDir, java.util.Map.of());
  }

  /** A kubectl run with {@code env} added to its environment. */
  Kubectl(Path kubeconfig, Path workDir, java.util.Map<String, String> env) {
    this.kubeconfig = kubeconfig;
    this.workDir = workDir;
    this.env = env;
  }

  Result run(String... args) {
    return run(null, args);
  }

  /** Runs with {@code input} on kubectl's stdin (closed after it); null: a stdin never written. */
  Result run(byte[] input, String... args) {
    Process p = start(args);
    if (input != null) {
      try (var in = p.getOutputStream()) {
        in.write(input);
      } catch (IOException e) {
        // kubectl ended before reading it all: its result says why
      }
    }
    try {
      // Drain both streams while waiting, so a large output cannot block the process.
      Drain out = new Drain(p.getInputStream());
      Drain err = new Drain(p.getErrorStream());
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS
            + " s; stdout so far:\n" + out.text() + "\nstderr:\n" + err.text());
      }
      out.finish();
      err.finish();
      return new Result(p.exitValue(), out.text(), err.text());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Runs and requires exit code 0. */
  Result ok(String... args) {
    Result r = run(args);
    if (r.exit() != 0) {
      throw new AssertionError("kubectl " + String.join(" ", args) + " failed: " + r.all());
    }
    return r;
  }

  /** Starts kubectl without waiting, for watches; the caller destroys it. */
  Process start(String... args) {
    List<String> cmd = new ArrayList<>(List.of(BINARY, "--kubeconfig", kubeconfig.toString(),
        "--cache-dir", workDir.resolve(".kube-cache").toString()));
    cmd.addAll(List.of(args));
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
      pb.environment().remove("KUBECONFIG");
      pb.environment().putAll(env);
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + BINARY, e);
    }
  }

  /** Collects a stream on its own thread; readable while the process still runs. */
  static final class Drain extends Thread {
    private final InputStream in;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    Drain(InputStream in) {
      this.in = in;
      setDaemon(true);
      start();
    }

    @Override
    public void run() {
      byte[] b = new byte[8192];
      try {
        for (int n; (n = in.read(b)) >= 0; ) {
          synchronized (buf) {
            buf.write(b, 0, n);
          }
        }
      } catch (IOException e) {
        // the process ended or was destroyed: what was read stays readable
      }
    }

    String text() {
      synchronized (buf) {
        return buf.toString(StandardCharsets.UTF_8);
      }
    }

    void finish() throws InterruptedException {
      join(TimeUnit.SECONDS.toMillis(10));
    }
  }

  /** Runs the command with {@code -o json} and parses what it printed; fails on a non-zero exit. */
  com.fasterxml.jackson.databind.JsonNode json(String... args) throws IOException {
    String[] withOutput = java.util.Arrays.copyOf(args, args.length + 2);
    withOutput[args.length] = "-o";
    withOutput[args.length + 1] = "json";
    return io.logplane.tests.http.Api.JSON.readTree(ok(withOutput).out());
  }

  /** Writes a manifest into the work directory; answers its path, for {@code -f}. */
  String manifest(String name, String yaml) throws IOException {
    return java.nio.file.Files.writeString(workDir.resolve(name), yaml).toString();
  }
}
