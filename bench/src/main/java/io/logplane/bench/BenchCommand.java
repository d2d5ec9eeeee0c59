package io.logplane.bench;

import io.logplane.kubeclient.KubeClient;
import io.logplane.kubeclient.KubeConfig;
import io.logplane.kubeclient.KubeConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code logplane bench}: measures a Kubernetes API server named by a kubeconfig. Exit code
 * 0 when every request succeeded, 1 when any failed (all are printed), 2 for bad options or
 * an unusable kubeconfig.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure a Kubernetes API server (a real kube-apiserver or Logplane): pod "
        + "create throughput and latency, list and watch delivery.")
public final class BenchCommand implements Callable<Integer> {
  private static final Set<String> SCENARIOS = Set.of("create", "rate", "list", "watch");

  @Spec CommandSpec spec;

  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "Kubeconfig file (default: $KUBECONFIG, then ~/.kube/config).")
  Path kubeconfig;
  @Option(names = "--context", paramLabel = "NAME",
      description = "Context to use (default: current-context).")
  String context;
  @Option(names = "--connections", paramLabel = "N", defaultValue = "1",
      description = "HTTP/2 connections to spread requests over (default: ${DEFAULT-VALUE}).")
  int connections;
  @Option(names = "--scenarios", paramLabel = "LIST", split = ",",
      defaultValue = "create,rate,list,watch",
      description = "Which scenarios to run (default: ${DEFAULT-VALUE}).")
  List<String> scenarios;
  @Option(names = "--pods", paramLabel = "N", defaultValue = "2000",
      description = "Pods created per concurrency level (default: ${DEFAULT-VALUE}).")
  int pods;
  @Option(names = "--clients", paramLabel = "LIST", split = ",", defaultValue = "1,16,64",
      description = "Concurrent clients of the create scenario (default: ${DEFAULT-VALUE}).")
  List<Integer> clients;
  @Option(names = "--rate", paramLabel = "RATE", defaultValue = "200/s",
      description = "Open-loop create rate (default: ${DEFAULT-VALUE}).")
  String rate;
  @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "10s",
      description = "Open-loop duration (default: ${DEFAULT-VALUE}).")
  String duration;
  @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "128",
      description = "Open-loop bound on outstanding requests (default: ${DEFAULT-VALUE}).")
  int maxInFlight;
  @Option(names = "--list-runs", paramLabel = "N", defaultValue = "5",
      description = "Times to list the namespace's pods (default: ${DEFAULT-VALUE}).")
  int listRuns;
  @Option(names = "--list-warmup", paramLabel = "N", defaultValue = "20",
      description = "Unmeasured lists of the namespace before the measured ones, so the list path"
          + " is compiled as the create path is by --warmup (default: ${DEFAULT-VALUE}).")
  int listWarmup;
  @Option(names = "--watchers", paramLabel = "N", defaultValue = "100",
      description = "Concurrent watches (default: ${DEFAULT-VALUE}).")
  int watchers;
  @Option(names = "--watch-pods", paramLabel = "N", defaultValue = "500",
      description = "Pods created while watched (default: ${DEFAULT-VALUE}).")
  int watchPods;
  @Option(names = "--watch-writers", paramLabel = "N", defaultValue = "16",
      description = "Threads creating the watched pods (default: ${DEFAULT-VALUE}).")
  int watchWriters;
  @Option(names = "--watch-timeout", paramLabel = "DURATION", defaultValue = "30s",
      description = "Wait for the last watch events (default: ${DEFAULT-VALUE}).")
  String watchTimeout;
  @Option(names = "--warmup", paramLabel = "N", defaultValue = "40000",
      description = "Most unmeasured pods created first, in a namespace of their own: rounds of"
          + " 2000 (a third by one client, the rest by 16) until three rounds in a row are no"
          + " more than 5%% faster than the best before, or N; 0 for none (default: ${DEFAULT-VALUE}).")
  int warmup;
  @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "30s",
      description = "Timeout of one request (default: ${DEFAULT-VALUE}).")
  String requestTimeout;
  @Option(names = "--run", paramLabel = "ID", description = "Run id in names (default: random).")
  String run;
  @Option(names = "--keep", description = "Keep the namespace and its pods.")
  boolean keep;

  @Override
  public Integer call() throws Exception {
    Settings s = settings();
    PrintWriter out = spec.commandLine().getOut();
    KubeConfig config;
    KubeClient client;
    try {
      config = KubeConfig.load(s.kubeconfig(), context);
      client = new KubeClient(config, "logplane-bench", connections, s.requestTimeout());
    } catch (KubeConfigException e) {
      spec.commandLine().getErr().println("bench: " + e.getMessage());
      return 2;
    }
    BenchRun bench = new BenchRun(client, s.run(), out);
    BenchRun warm = new BenchRun(client, s.run() + "-warmup", out);
    out.printf("bench: server %s, %d connection(s), run %s%n", config.server(), connections,
        s.run());
    List<Result> results = new ArrayList<>();
    try {
      Probe.describe(client, out);
      if (warmup > 0) {
        warm.setUp();
        WarmUp.run(warm, warmup);
      }
      bench.setUp();
      runScenarios(bench, s, results);
    } catch (BenchException e) {
      out.println("bench: " + e.getMessage());
      return 1;
    } finally {
      for (BenchRun b : List.of(warm, bench)) {
        if (!keep && b.namespaceCreated()) {
          b.tearDown();
        }
      }
      if (client.connectionsOpened() > connections) {
        out.printf(client.protocol().equals("HTTP/2")
            ? "bench: %d connections used, not %d: the server's HTTP/2 concurrent stream"
                + " limit was reached or a connection closed (client-go would open more"
                + " connections too)%n"
            : "bench: %d connections used, not %d: HTTP/1.1 has one per request in flight%n",
            client.connectionsOpened(), connections);
      }
      client.close();
      if (!results.isEmpty()) {
        out.println();
        out.print(Result.table(results));
      }
      out.flush();
    }
    return results.stream().anyMatch(r -> r.errors() > 0) ? 1 : 0;
  }

  private void runScenarios(BenchRun bench, Settings s, List<Result> results)
      throws InterruptedException {
    PrintWriter out = bench.out;
    if (scenarios.contains("create")) {
      for (int c : clients) {
        report(out, results, CreateThroughput.run(bench, pods, c));
      }
    }
    if (scenarios.contains("rate")) {
      report(out, results, RateCreate.run(bench, s.rate(), s.duration(), maxInFlight,
          s.requestTimeout()));
    }
    if (scenarios.contains("list")) {
      report(out, results, ListPods.run(bench, listWarmup, listRuns));
    }
    if (scenarios.contains("watch")) {
      report(out, results, WatchDelivery.run(bench, watchers, watchPods, watchWriters,
          s.watchTimeout()));
    }
  }

  private static void report(PrintWriter out, List<Result> results, Result r) {
    results.add(r);
    out.println(r.line());
    out.flush();
  }

  /** The options checked and parsed; bad values are usage errors (exit code 2). */
  private Settings settings() {
    try {
      for (String sc : scenarios) {
        require(SCENARIOS.contains(sc), "unknown scenario '" + sc + "', known: " + SCENARIOS);
      }
      require(connections >= 1 && pods >= 1 && maxInFlight >= 1 && listRuns >= 1 && listWarmup >= 0
          && watchers >= 1 && watchPods >= 1 && watchWriters >= 1 && warmup >= 0,
          "counts must be positive");
      require(clients.stream().allMatch(c -> c >= 1), "--clients must be positive");
      return new Settings(kubeconfig != null ? kubeconfig : defaultKubeconfig(),
          run != null ? run : UUID.randomUUID().toString().substring(0, 6),
          Units.rate(rate), Units.duration(duration), Units.duration(watchTimeout),
          Units.duration(requestTimeout));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  private static Path defaultKubeconfig() {
    String env = System.getenv("KUBECONFIG");
    if (env != null && !env.isBlank()) {
      return Path.of(env.split(java.io.File.pathSeparator)[0]);
    }
    return Path.of(System.getProperty("user.home"), ".kube", "config");
  }

  private record Settings(Path kubeconfig, String run, double rate, Duration duration,
      Duration watchTimeout, Duration requestTimeout) {}
}
