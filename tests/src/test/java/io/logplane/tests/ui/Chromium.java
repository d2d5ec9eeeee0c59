package io.logplane.tests.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Debian {@code chromium} headless, as root (hence no sandbox), each run with a fresh
 * profile, nothing fetched from the network on its own, and the cluster's self-signed chain
 * accepted. Only processes started here are ever stopped.
 */
final class Chromium {

  static final String BINARY = "chromium";
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

  private final Path work;

  Chromium(Path work) {
    this.work = work;
  }

  /** True when the binary is on the PATH. */
  static boolean installed() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, BINARY))) {
        return true;
      }
    }
    return false;
  }

  List<String> baseArgs(Path profile) {
    return new ArrayList<>(List.of(BINARY, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--ignore-certificate-errors", "--user-data-dir=" + profile));
  }

  /** The DOM after scripts ran for virtualMillis of virtual time (timers fast-forwarded). */
  String dumpDom(String url, int virtualMillis) throws Exception {
    List<String> args = baseArgs(Files.createTempDirectory(work, "profile"));
    args.addAll(List.of("--virtual-time-budget=" + virtualMillis, "--dump-dom", url));
    return new String(run(args), StandardCharsets.UTF_8);
  }

  /** A PNG of the page at the given window size. */
  Path screenshot(String url, int width, int height, int virtualMillis, Path png) throws Exception {
    List<String> args = baseArgs(Files.createTempDirectory(work, "profile"));
    args.addAll(List.of("--virtual-time-budget=" + virtualMillis, "--hide-scrollbars",
        "--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(), url));
    run(args);
    if (!Files.isRegularFile(png)) {
      throw new IllegalStateException("chromium wrote no screenshot at " + png);
    }
    return png;
  }

  /** Starts a browser with the DevTools protocol on a free port, showing url. */
  DevTools devTools(String url) throws Exception {
    Path profile = Files.createTempDirectory(work, "profile");
    List<String> args = baseArgs(profile);
    args.addAll(List.of("--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1", url));
    Path log = Files.createTempFile(work, "chromium", ".log");
    Process p = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Path portFile = profile.resolve("DevToolsActivePort");
    Instant deadline = Instant.now().plusSeconds(30);
    while (!(Files.isRegularFile(portFile) && Files.readAllLines(portFile).size() >= 2)) {
      if (!p.isAlive() || Instant.now().isAfter(deadline)) {
        stop(p);
        throw new IllegalStateException("chromium did not open DevTools: " + Files.readString(log));
      }
      p.waitFor(50, TimeUnit.MILLISECONDS);
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
    return DevTools.attach(port, p, () -> stop(p));
  }

  private byte[] run(List<String> args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(work, "chromium", ".out");
    Path err = Files.createTempFile(work, "chromium", ".err");
    Process p = new ProcessBuilder(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      stop(p);
      throw new IllegalStateException("chromium did not finish within " + RUN_TIMEOUT + ": " + Files.readString(err));
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("chromium exited with " + p.exitValue() + ": " + Files.readString(err));
    }
    return Files.readAllBytes(out);
  }

  /** Stops a browser this class started, and its helper processes. */
  static void stop(Process p) {
    List<ProcessHandle> children = p.descendants().toList();
    p.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
