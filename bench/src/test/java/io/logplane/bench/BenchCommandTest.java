package io.logplane.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Option handling that needs no server: bad input ends with exit code 2 and a reason. */
class BenchCommandTest {
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = new CommandLine(new BenchCommand());
    cmd.setErr(new PrintWriter(err));
    cmd.setOut(new PrintWriter(new StringWriter()));
    return cmd.execute(args);
  }

  @Test
  void helpListsTheOptionsWithDefaults() {
    StringWriter help = new StringWriter();
    CommandLine cmd = new CommandLine(new BenchCommand());
    cmd.setOut(new PrintWriter(help));
    assertEquals(0, cmd.execute("--help"));
    assertTrue(help.toString().contains("Usage: bench"), help.toString());
    assertTrue(help.toString().contains("--watchers=N           Concurrent watches (default: 100)"),
        help.toString());
    assertTrue(help.toString().contains("--clients=LIST[,LIST...]"), help.toString());
    assertTrue(help.toString().contains("--sched-nodes=N"), help.toString());
    assertTrue(help.toString().contains("--pids=PID[,PID...]"), help.toString());
    assertTrue(help.toString().contains("a kube-scheduler that loses its Lease exits"),
        help.toString());
    assertTrue(help.toString().contains("--dns-server=HOST:PORT"), help.toString());
    assertTrue(help.toString().contains("--service-requests=N"), help.toString());
  }

  @Test
  void unknownScenario(@TempDir Path dir) {
    assertEquals(2, run("--kubeconfig", dir.resolve("none").toString(), "--scenarios", "crud"));
    assertTrue(err.toString().contains("unknown scenario 'crud'"), err.toString());
  }

  @Test
  void leaderKillNeedsTheKafkaClusterAndAKillCommand(@TempDir Path dir) {
    assertEquals(2, run("--kubeconfig", dir.resolve("none").toString(), "--scenarios", "leader-kill",
        "--kill-leader", "docker kill k{id}"));
    assertTrue(err.toString().contains("leader-kill needs --kafka-bootstrap and --kill-leader"), err.toString());
  }

  @Test
  void badRateAndCounts(@TempDir Path dir) {
    String kc = dir.resolve("none").toString();
    assertEquals(2, run("--kubeconfig", kc, "--rate", "fast"));
    assertEquals(2, run("--kubeconfig", kc, "--clients", "1,0"));
    assertEquals(2, run("--kubeconfig", kc, "--watchers", "0"));
    assertTrue(err.toString().contains("not a rate"), err.toString());
    assertEquals(2, run("--kubeconfig", kc, "--rounds", "0"));
    assertEquals(2, run("--kubeconfig", kc, "--scenarios", "scheduler", "--sched-pods", "0"));
    assertEquals(2, run("--kubeconfig", kc, "--pids", "12,-1"));
    assertEquals(2, run("--kubeconfig", kc, "--sched-timeout", "soon"));
    assertEquals(2, run("--kubeconfig", kc, "--scenarios", "dns", "--dns-nxdomain", "100"));
    assertEquals(2, run("--kubeconfig", kc, "--scenarios", "dns", "--dns-server", "127.0.0.1"));
    assertEquals(2, run("--kubeconfig", kc, "--scenarios", "dns", "--dns-server", "127.0.0.1:0"));
    assertEquals(2, run("--kubeconfig", kc, "--scenarios", "dns", "--dns-in-flight", "0"));
    assertEquals(2, run("--kubeconfig", kc, "--scenarios", "service", "--service-clients", "0"));
    assertTrue(err.toString().contains("--dns-nxdomain must be a percentage"), err.toString());
    assertTrue(err.toString().contains("not HOST:PORT: '127.0.0.1'"), err.toString());
    assertEquals(2, run("--kubeconfig", kc, "--scenarios", "pod-start", "--pod-start-rate", "fast"));
    assertEquals(2, run("--kubeconfig", kc, "--scenarios", "pod-start", "--node-pid", "0"));
    assertEquals(2, run("--kubeconfig", kc, "--scenarios", "pod-start", "--pod-start-pull-policy",
        "Always"));
    assertTrue(err.toString().contains("must be IfNotPresent or Never"), err.toString());
  }

  @Test
  void missingKubeconfig(@TempDir Path dir) {
    assertEquals(2, run("--kubeconfig", dir.resolve("none").toString()));
    assertTrue(err.toString().contains("cannot read kubeconfig"), err.toString());
  }

  @Test
  void kubeconfigWithoutContext(@TempDir Path dir) throws Exception {
    Path kc = Files.writeString(dir.resolve("config"), "apiVersion: v1\nkind: Config\n");
    assertEquals(2, run("--kubeconfig", kc.toString()));
    assertTrue(err.toString().contains("no current-context"), err.toString());
  }
}
