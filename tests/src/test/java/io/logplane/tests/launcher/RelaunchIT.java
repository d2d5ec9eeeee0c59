package io.logplane.tests.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.launcher.jvm.JavaHomes;
import io.logplane.launcher.jvm.JvmOptions;
import io.logplane.launcher.jvm.Relaunch;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain {@code java -jar logplane.jar up}, as {@code ./logplane up} runs it: the server runs in a
 * child JVM with the options of the launcher's table on the JDK it picks, prints to the launcher's
 * stdout, stops when the launcher gets SIGTERM (which then exits with the child's code), and
 * stops by itself when the launcher is killed with SIGKILL.
 */
class RelaunchIT {

  @TempDir Path tmp;
  private final List<ProcessHandle> started = new ArrayList<>();
  private int runs;

  @Test
  void theChildGetsTheCommandsOptionsAndSigtermToTheLauncherStopsIt() throws Exception {
    Process launcher = up();
    ProcessHandle child = child(launcher);
    Map<String, String> env = environment();
    JvmOptions.Choice choice = JvmOptions.forCommand(List.of("up"));
    JavaHomes.Java java = JavaHomes.choose(env, choice.newestJdk(),
        JavaHomes.candidates(env.get("PATH"), Path.of("/usr/lib/jvm")), Path.of(System.getProperty("java.home")));
    List<String> expected = new ArrayList<>(JvmOptions.effective(choice, env, java.major()));
    expected.add("-D" + Relaunch.CHILD + "=true");
    List<String> args = List.of(child.info().arguments().orElseThrow());
    assertEquals(expected, args.subList(0, Math.min(expected.size(), args.size())), args.toString());
    assertEquals(java.binary().toRealPath().toString(), child.info().command().orElseThrow());

    launcher.destroy();
    assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "launcher still running 60 s after SIGTERM");
    assertFalse(child.isAlive(), "the launcher exits only after its child");
    assertEquals(128 + 15, launcher.exitValue(), "the child's exit code after SIGTERM");
  }

  @Test
  void theChildStopsWhenTheLauncherIsKilled() throws Exception {
    Process launcher = up();
    ProcessHandle child = child(launcher);
    launcher.destroyForcibly();
    assertTrue(launcher.waitFor(30, TimeUnit.SECONDS), "launcher still running 30 s after SIGKILL");
    child.onExit().get(60, TimeUnit.SECONDS);
  }

  /**
   * {@code ./logplane up} twice: the first through the launcher's JVM, which keeps its choice
   * for the script; the second is the server's JVM itself, started by the script with that choice
   * (no launcher before it, nor beside it), and stops on SIGTERM with its code.
   */
  @Test
  void theScriptStartsTheServersJvmItselfOnceTheLauncherKeptItsChoice() throws Exception {
    Path script = Path.of("..", "logplane").toAbsolutePath().normalize();
    Path kept = Path.of("..", "launcher", "target", "logplane.direct").toAbsolutePath().normalize();
    Files.deleteIfExists(kept);
    Process first = up(script);
    assertEquals(1, first.children().count(), "through the launcher's JVM: " + first.info());
    first.destroy();
    assertTrue(first.waitFor(60, TimeUnit.SECONDS), "launcher still running 60 s after SIGTERM");
    List<String> lines = Files.readAllLines(kept);
    assertTrue(lines.get(2).endsWith("/bin/java"), lines.toString());

    Process second = up(script);
    assertEquals(0, second.children().count(), "no launcher: " + second.info());
    List<String> args = List.of(second.info().arguments().orElseThrow());
    assertEquals(lines.subList(3, lines.size()), args.subList(0, lines.size() - 3), args.toString());
    assertTrue(args.contains("-D" + "logplane.launcher=direct"), args.toString());
    assertEquals(Path.of(lines.get(2)).toRealPath().toString(), second.info().command().orElseThrow());
    second.destroy();
    assertTrue(second.waitFor(60, TimeUnit.SECONDS), "server still running 60 s after SIGTERM");
    assertEquals(128 + 15, second.exitValue(), "the server's exit code after SIGTERM");
  }

  @AfterEach
  void killLeftovers() {
    started.forEach(ProcessHandle::destroyForcibly);
  }

  /** {@code java -jar logplane.jar up} without JVM options, its output (and its child's) in a file. */
  private Process up() throws Exception {
    Path jar = Path.of("..", "launcher", "target", "logplane.jar").toAbsolutePath().normalize();
    assertTrue(Files.isRegularFile(jar), jar + " is missing: build the launcher module first");
    String java = ProcessHandle.current().info().command().orElse("java");
    return up(java, "-jar", jar.toString());
  }

  /**
   * {@code ./logplane up} without training the ahead-of-time cache (a minute): the jar is built,
   * and the launcher's choice is the same without the cache.
   */
  private Process up(Path script) throws Exception {
    return up("bash", script.toString());
  }

  /** {@code launch... up} on a data directory of its own, its output (and its child's) in a file. */
  private Process up(String... launch) throws Exception {
    int run = ++runs; // each on a data directory and into a log of its own
    Path log = tmp.resolve("up-" + run + ".log");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(launch));
    command.addAll(List.of("up", "--no-local-node", "--data-dir",
        tmp.resolve("data-" + run).toString(), "--api-port", Integer.toString(port), "--ingress-port=-1",
        "--ingress-tls-port=-1", "--dns-port", "0"));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().clear();
    pb.environment().putAll(environment());
    pb.environment().put("LOGPLANE_AOT", "off");
    Process p = pb.start();
    started.add(p.toHandle());
    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
        .until(() -> !p.isAlive() || read(log).contains("Logplane is ready at"));
    assertTrue(p.isAlive(), () -> "launcher exited:\n" + read(log));
    return p;
  }

  private ProcessHandle child(Process launcher) {
    List<ProcessHandle> children = launcher.children().toList();
    assertEquals(1, children.size(), "one child JVM: " + children);
    started.addAll(children);
    return children.get(0);
  }

  /** This JVM's environment without the variables that change the launcher's choices. */
  private static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.remove("LOGPLANE_JAVA_OPTS");
    env.remove("LOGPLANE_NO_RELAUNCH");
    env.remove("LOGPLANE_JAVA");
    return env;
  }

  private static String read(Path log) {
    try {
      return Files.readString(log, StandardCharsets.ISO_8859_1);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
