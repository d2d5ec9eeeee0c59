package io.logplane.launcher;

import io.logplane.launcher.jvm.AotCache;
import io.logplane.launcher.jvm.Relaunch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code logplane train}: the training run of the JVM's ahead-of-time cache. It starts a
 * throw-away server with hollow nodes on a temporary data directory, drives it the way users and
 * controllers do (creates, gets, lists, watches, a Deployment rolled out, thousands of pods
 * scheduled) with the benchmark's own scenarios, then stops. Run in a JVM that records (the
 * launcher gives it {@code -XX:AOTCacheOutput}), it leaves the cache that later servers start
 * from: classes loaded and linked, and the profiles the compiler would otherwise gather again
 * in every fresh server's first requests. {@code ./logplane} runs it after a build.
 */
@Command(name = "train", hidden = true, description = "Record the JVM's ahead-of-time cache from a short workload"
    + " on a throw-away server (./logplane runs it after a build).")
public class TrainCommand implements Callable<Integer> {

  private static final int HOLLOW_NODES = 20;

  @Override
  public Integer call() throws Exception {
    if (Runtime.version().feature() < 25) {
      System.out.println("no JDK 25 or later found: servers start without an ahead-of-time cache");
      return 0;
    }
    Path dir = Files.createTempDirectory("logplane-train");
    try {
      Cluster cluster = Cluster.start(new Cluster.Options(dir, "127.0.0.1", freePort(), 0, null, 1, true, -1, -1)
          .withDns(0, List.of()));
      try {
        // The API's scenarios first, on no node (else their thousands of pods would fill the
        // hollow nodes), then a Deployment rolled out on hollow nodes.
        int code = bench(cluster.kubeconfig(), apiWorkload());
        UpCommand.deployHollowNodes(cluster, HOLLOW_NODES);
        code = Math.max(code, bench(cluster.kubeconfig(), nodeWorkload()));
        System.out.println(code == 0 ? "training done; the JVM writes " + AotCache.describe() + " as it exits"
            : "training workload failed (" + code + "): the cache will hold what ran");
        return code;
      } finally {
        cluster.close();
      }
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * The benchmark's API and scheduler scenarios at small sizes: the paths of a server's first
   * requests. The creates' warm-up is long enough for C2 to compile the create path within the
   * run (6,000 creates left the create handler in C1's code, and later servers held it there).
   */
  static List<String> apiWorkload() {
    return List.of("--scenarios", "create,get,rate,list,watch,scheduler",
        "--warmup", "20000", "--pods", "1000", "--clients", "1,16,64",
        "--rate", "300/s", "--duration", "3s", "--list-runs", "3", "--list-warmup", "5", "--get-warmup", "2000",
        "--watchers", "20", "--watch-pods", "300",
        "--sched-nodes", "500", "--sched-pods", "3000",
        "--client-warmup", "0"); // the client's speed is not what a training is for
  }

  /** A Deployment's rollout on hollow nodes: the controllers' and the node agents' paths. */
  static List<String> nodeWorkload() {
    return List.of("--scenarios", "deployment", "--deploy-nodes", Integer.toString(HOLLOW_NODES),
        "--deploy-replicas", "200", "--deploy-timeout", "2m");
  }

  /**
   * Runs the bench in a JVM of its own, so what this JVM records is the server's alone: a bench
   * run here shared its HTTP/2 and JSON code with the server, left the client's types in the
   * server's profiles and took the compiler's time. C1 alone keeps the client light; its report
   * goes to this JVM's output (the training's output is not the point).
   */
  private static int bench(Path kubeconfig, List<String> workload) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-D" + Relaunch.CHILD + "=true",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "bench", "--kubeconfig", kubeconfig.toString()));
    command.addAll(workload);
    return new ProcessBuilder(command).inheritIO().start().waitFor();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
