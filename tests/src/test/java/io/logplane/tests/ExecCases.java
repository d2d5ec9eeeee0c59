package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.launcher.Cluster;
import io.logplane.node.RealNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cases of {@code kubectl exec}, {@code attach} and {@code cp} against real containers (runc
 * under conmon) of a local node, through the API server's proxy to the node's server, that hold
 * whichever protocol kubectl speaks (each subclass has kubectl speak one): the command's stdout,
 * stderr and exit code; stdin passed and closed; a terminal whose size follows kubectl's (kubectl
 * run under {@code script}, which gives it a terminal); files copied in and out with tar; a
 * container's output followed by attach up to its end; {@code kubectl run -i} and {@code -it}
 * attached through conmon. The node has a bridge, pod CIDR, nftables table and cgroup of its own
 * ({@link #host()}); its uplink drop rules drop nothing. Skipped, saying why, where real
 * containers cannot run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ExecCases {
  /** The node's names, its own among the tests', and the environment kubectl runs in. */
  record Host(String node, String cidr, String bridge, String table, String cgroup, java.util.Map<String, String> env) {
    RealNodeFixture.Names names() {
      return new RealNodeFixture.Names(node, cidr, bridge, table, cgroup);
    }
  }

  Host host;

  abstract Host host();

  Path dir;
  @org.junit.jupiter.api.extension.RegisterExtension
  final DescribeOnFailure describe = new DescribeOnFailure(() -> this.kubectl, "pod/box", "pod/two");
  RealNodeFixture fixture;
  Cluster cluster;
  RealNode node;
  Kubectl kubectl;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    this.dir = dir;
    host = host();
    RealNodeFixture.assumeRealNodes();
    fixture = RealNodeFixture.on(ClusterFixture.start(dir), dir, host.names(), host.env());
    cluster = fixture.cluster;
    node = fixture.node;
    kubectl = fixture.kubectl;
    kubectl.ok("apply", "-f", kubectl.manifest("pods.yaml", """
        apiVersion: v1
        kind: Pod
        metadata: {name: box}
        spec:
          terminationGracePeriodSeconds: 0
          containers:
          - {name: c, image: busybox:it, imagePullPolicy: Never, command: [sleep, '1000000']}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: two}
        spec:
          terminationGracePeriodSeconds: 0
          restartPolicy: Never
          containers:
          - {name: runs, image: busybox:it, imagePullPolicy: Never, command: [sleep, '1000000']}
          - {name: done, image: busybox:it, imagePullPolicy: Never, command: ['true']}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: nowhere}
        spec:
          nodeSelector: {no-such: label}
          containers:
          - {name: c, image: busybox:it}
        """));
    await("box runs").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
        .until(() -> phase("box").equals("Running"));
    await("two's container done ended").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
        .until(() -> kubectl.json("get", "pod", "two").at("/status/containerStatuses").toString()
            .contains("\"terminated\""));
  }

  @AfterAll
  void stop() throws Exception {
    if (fixture == null) {
      return;
    }
    kubectl.run("delete", "pod", "--all", "--wait=false");
    await("the pods are gone").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
        .until(() -> kubectl.ok("get", "pods", "-o", "name").out().isBlank());
    // Their containers went before their network: once no veth is left on the bridge, nothing runs.
    await("the node removed the pods").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
        .until(() -> output("ip", "link", "show", "master", host.bridge()).isBlank());
    RealNodeFixture.stopCleanly(fixture);
  }

  String phase(String pod) throws Exception {
    return kubectl.json("get", "pod", pod).at("/status/phase").asText();
  }

  @Test
  void execGivesTheCommandsStdoutStderrAndExitCode() {
    Kubectl.Result r = kubectl.run("exec", "box", "--", "sh", "-c", "echo out; echo err >&2; exit 3");
    assertEquals(3, r.exit(), r.all());
    assertEquals("out\n", r.out());
    assertEquals("err\ncommand terminated with exit code 3\n", r.errBesidesStreamRace());
    Kubectl.Result ok = kubectl.run("exec", "box", "-c", "c", "--", "sh", "-c", "echo $((6 * 7))");
    assertEquals(0, ok.exit(), ok.all());
    assertEquals("42\n", ok.out());
  }

  @Test
  void execWithStdinPassesItAndItsEnd() {
    byte[] input = "hello\nworld\n".repeat(5000).getBytes(StandardCharsets.UTF_8);
    Kubectl.Result r = kubectl.run(input, "exec", "-i", "box", "--", "cat");
    assertEquals(0, r.exit(), r.err());
    assertEquals(new String(input, StandardCharsets.UTF_8), r.out());
    Kubectl.Result counted = kubectl.run("a b c\n".getBytes(StandardCharsets.UTF_8), "exec", "-i", "box", "--",
        "wc", "-w");
    assertEquals("3", counted.out().strip(), counted.all());
  }

  @Test
  void execWithATerminalHasKubectlsSizeAndFollowsItsResizes() throws Exception {
    // script gives kubectl a terminal: its path is printed first, then set to 37 rows of 91.
    Process p = new ProcessBuilder("script", "-qfc", "tty; stty rows 37 cols 91; " + kubectlLine() + " exec -it box -- sh -c"
        + " 'tty; echo term=$TERM; stty size; while read x; do stty size; done'", "/dev/null").redirectErrorStream(true).start();
    try {
      OutputLines out = new OutputLines(p.getInputStream());
      Duration wait = Duration.ofSeconds(60);
      String terminal = out.next(wait).strip();
      assertTrue(terminal.startsWith("/dev/pts/"), terminal);
      OutputStream in = p.getOutputStream();
      // The container's command waits up to a second for kubectl's size, so the first size it prints is that one.
      // On a machine so loaded that the size comes later, stty finds none ("stty: standard input") and prints no
      // size; a line typed has it ask again.
      await("kubectl's size reaches the container's terminal").atMost(wait).pollInterval(Duration.ofMillis(1))
          .until(() -> {
            java.util.Optional<String> line = out.poll(Duration.ofSeconds(3));
            if (line.isEmpty()) {
              in.write('\r');
              in.flush();
              return false;
            }
            assertTrue(line.get().contains("37 91") || !line.get().matches(".*\\b\\d+ \\d+\\s*"),
                "not kubectl's size first: " + out.seen());
            return line.get().contains("37 91");
          });
      assertTrue(out.seen().contains("/dev/pts/"), "the command has a terminal of its own: " + out.seen());
      assertTrue(out.seen().contains("term=xterm"), "and TERM=xterm, as containerd sets it: " + out.seen());
      assertEquals(0, run("stty", "-F", terminal, "rows", "40", "cols", "120"));
      // Each line typed has the command print its size again, until the resize reached it.
      await("the resize reaches the container's terminal").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200)).until(() -> {
            in.write('\r');
            in.flush();
            String l = out.next(wait);
            return l != null && l.contains("40 120");
          });
      in.write(4); // ^D: the shell's read ends, and the command with it
      in.flush();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "kubectl exec -it ended");
      assertEquals(0, p.exitValue());
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void aLargeOutputReachesASlowReaderWhole() throws Exception {
    String command = "head -c 8000000 /dev/zero | base64";
    long size = Long.parseLong(kubectl.ok("exec", "box", "--", "sh", "-c", command + " | wc -c").out().strip());
    Process p = kubectl.start("exec", "box", "--", "sh", "-c", command);
    Kubectl.Drain err = new Kubectl.Drain(p.getErrorStream());
    try (var out = p.getInputStream()) {
      // Nothing read for a while: the command's output backs up from kubectl through the API
      // server to the node, which ends once its last bytes are on their way; then read slowly.
      Thread.sleep(5000);
      long read = 0;
      byte[] b = new byte[16 * 1024];
      for (int n; (n = out.read(b)) >= 0; read += n) {
        Thread.sleep(1);
      }
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl exec ended");
      err.finish();
      assertEquals(0, p.exitValue(), err.text());
      assertEquals(size, read, err.text());
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void cpCopiesAFileInAndOut() throws Exception {
    Path local = dir.resolve("in.txt");
    String text = "copied with tar\n".repeat(2000);
    Files.writeString(local, text);
    kubectl.ok("cp", local.toString(), "box:/tmp/in.txt");
    assertEquals(text, kubectl.ok("exec", "box", "--", "cat", "/tmp/in.txt").out());
    kubectl.ok("exec", "box", "--", "sh", "-c", "mkdir -p /tmp/d && echo made inside > /tmp/d/out.txt");
    Path back = dir.resolve("back");
    kubectl.ok("cp", "box:/tmp/d", back.toString());
    assertEquals("made inside\n", Files.readString(back.resolve("out.txt")));
  }

  @Test
  void attachFollowsTheContainersOutputUntilItEnds() throws Exception {
    kubectl.ok("run", "ticker", "--image=busybox:it", "--image-pull-policy=Never", "--restart=Never", "--",
        "sh", "-c", "i=0; while [ ! -f /tmp/stop ]; do echo tick $i; echo tock $i >&2; i=$((i+1)); sleep 0.2;"
            + " done; echo bye");
    await("ticker runs").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
        .until(() -> phase("ticker").equals("Running"));
    Process p = kubectl.start("attach", "ticker");
    Kubectl.Drain err = new Kubectl.Drain(p.getErrorStream());
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    try {
      String first = out.readLine();
      assertTrue(first != null && first.matches("tick \\d+"), first + "\n" + err.text());
      kubectl.ok("exec", "ticker", "--", "touch", "/tmp/stop");
      String last = first;
      for (String l; (l = out.readLine()) != null; ) {
        last = l;
      }
      assertEquals("bye", last);
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), err.text());
      err.finish();
      // kubectl's hint first, then the container's stderr as it came.
      assertTrue(err.text().matches("(?s)If you don't see a command prompt, try pressing enter\\.\n(tock \\d+\n)+"),
          err.text());
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void runWithStdinAttachesToTheContainersStdinThroughConmon() {
    Kubectl.Result r = kubectl.run("hello\nworld\n".getBytes(StandardCharsets.UTF_8), "run", "reader", "-i",
        "--image=busybox:it", "--image-pull-policy=Never", "--restart=Never", "--", "sh", "-c",
        "read a; echo got $a; read b; echo then $b >&2; cat; echo stdin ended");
    assertEquals(0, r.exit(), r.all());
    assertEquals("got hello\nstdin ended\n", r.out(), r.all());
    assertTrue(r.err().contains("then world\n"), r.all());
  }

  @Test
  void runWithATerminalAttachesToTheContainersTerminalAndResizesIt() throws Exception {
    Process p = new ProcessBuilder("script", "-qfc", "stty rows 37 cols 91; " + kubectlLine() + " run -it tt --image=busybox:it --image-pull-policy=Never"
        + " --restart=Never -- sh -c '[ -t 0 ] && echo a terminal; while read x; do echo got $x $TERM; stty size; done'",
        "/dev/null").redirectErrorStream(true).start();
    try {
      OutputLines out = new OutputLines(p.getInputStream());
      OutputStream in = p.getOutputStream();
      // What the container printed before kubectl attached is not shown: each line typed has it
      // print its size, which is kubectl's once attached.
      Duration wait = Duration.ofSeconds(60);
      try {
        await("the container's terminal has kubectl's size").atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500)).until(() -> {
              in.write("hi\r".getBytes(StandardCharsets.UTF_8));
              in.flush();
              String l;
              while ((l = out.next(wait)) != null && !l.contains("got hi xterm")) {
                continue; // the echo of what was typed, kubectl's hint
              }
              String size = l == null ? null : out.next(wait);
              return size != null && size.contains("37 91");
            });
      } catch (org.awaitility.core.ConditionTimeoutException | AssertionError e) {
        p.destroyForcibly();
        throw new AssertionError("kubectl run -it showed:\n" + out.seen() + "\nthe pod: "
            + kubectl.run("get", "pod", "tt", "-o", "jsonpath={.status}").out() + "\nits log: "
            + kubectl.run("logs", "tt").all(), e);
      }
      in.write(4); // ^D: the shell's read ends, and the container with it
      in.flush();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl run -it ended");
      assertEquals(0, p.exitValue());
    } finally {
      p.destroyForcibly();
    }
  }

  static String output(String... command) throws Exception {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " did not end");
    return out;
  }

  static int run(String... command) throws Exception {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " did not end");
    return p.exitValue();
  }

  /** The shell's line that starts kubectl, in its environment, for a command run under {@code script}. */
  String kubectlLine() {
    StringBuilder line = new StringBuilder("env");
    host.env().forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
    return line.append(' ').append(Kubectl.BINARY).append(" --kubeconfig ").append(cluster.kubeconfig()).toString();
  }
}
