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

  @AfterEach
  void killLeftovers() {
    started.forEach(ProcessHandle::destroyForcibly);
  }

  /** {@code java -jar logplane.jar up} without JVM options, its output (and its child's) in a file. */
  private Process up() throws Exception {
    Path jar = Path.of("..", "launcher", "target", "logplane.jar").toAbsolutePath().normalize();
    assertTrue(Files.isRegularFile(jar), jar + " is missing: build the launcher module first");
    Path log = tmp.resolve("up.log");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar.toString(), "up", "--no-local-node", "--data-dir",
        tmp.resolve("data").toString(), "--api-port", Integer.toString(port), "--ingress-port=-1",
        "--ingress-tls-port=-1", "--dns-port", "0")
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().clear();
    pb.environment().putAll(environment());
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
