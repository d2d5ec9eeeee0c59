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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code logplane bench}: measures a Kubernetes API server named by a kubeconfig. Exit code
 * 0 when every request succeeded, 1 when any failed (all are printed), 2 for bad options or
 * an unusable kubeconfig.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure a Kubernetes API server (a real kube-apiserver or Logplane): pod "
        + "create throughput and latency, get throughput, list and watch delivery; and a control plane "
        + "(Logplane, or kube-apiserver with kube-scheduler and kube-controller-manager): "
        + "scheduling throughput and a Deployment's time to Ready.",
        "",
        "scheduler: creates --sched-nodes fake nodes (bench-node-N, labelled and tainted "
        + "bench.logplane.io/fake=true:NoSchedule) and, while it holds the kube-system/"
        + "kube-scheduler Lease, --sched-pods pods that only fit there; then releases the Lease "
        + "and counts the binds on a watch. It prints pods bound/s from the first bind to the "
        + "last, the time from the release to the first bind, and the server's CPU per bind "
        + "(a local server, or --pids). A live holder's Lease is "
        + "taken over: Logplane's scheduler stands aside and comes back on the release, but a "
        + "kube-scheduler that loses its Lease exits, so start it (with --leader-elect=true) "
        + "after the bench took the Lease, or in a restart loop.",
        "",
        "deployment: needs --deploy-nodes Ready nodes that run pods (logplane up --hollow-nodes "
        + "100, or logplane hollow-nodes --count 100 --kubeconfig FILE beside any API server); "
        + "times a --deploy-replicas Deployment from its create to readyReplicas, then its "
        + "deletion.",
        "",
        "Both print the resident memory of the server's processes when all pods are bound or "
        + "Ready (--pids, or the local process listening on the server's port).",
        "",
        "pod-start: on a real node (this machine's, as logplane up runs it, or --pod-start-node) "
        + "with the image present (logplane images import), creates --pod-start-pods pods at "
        + "--pod-start-rate and times each from its create to Running on a watch; then runs "
        + "--pod-start-max pods and prints the node agent's memory and CPU (--node-pid, or the "
        + "local process listening on the node's port); then deletes them and times until all "
        + "are gone.",
        "",
        "dns: makes --dns-services Services and sends A queries for their names and for absent"
        + " ones (--dns-nxdomain percent) over UDP, --dns-in-flight outstanding, to the cluster"
        + " DNS (--dns-server, or 127.0.0.1 at kube-dns's port); prints queries/s and latency.",
        "",
        "service: on a node with a service proxy on this machine (logplane up as root), runs two"
        + " busybox httpd pods behind a ClusterIP Service and sends --service-requests GETs"
        + " through the ClusterIP and as many straight to a pod, keep-alive off and on; then"
        + " makes one pod unready and times until no request through the ClusterIP reaches it.",
        "",
        "leader-kill: on a server whose log is on a Kafka cluster (--kafka-bootstrap), creates ConfigMaps from"
        + " --leader-kill-clients threads all along, kills the broker leading the log's partition with"
        + " --kill-leader, and prints the time from the kill to the first acknowledged write sent after it, and"
        + " the longest time without one; then runs --restart-leader.",
        "",
        "idle: times --idle-requests GETs by the last of --clients, then opens --idle-connections TLS"
        + " connections that send nothing and times the GETs again beside them; prints the server's"
        + " memory with and without them and how many it still held open.",
        ""})
public final class BenchCommand implements Callable<Integer> {
  private static final Set<String> POD_SCENARIOS = Set.of("create", "get", "rate", "list", "watch");
  private static final Set<String> SCENARIOS =
      Set.of("create", "get", "rate", "list", "watch", "scheduler", "deployment", "pod-start", "dns",
          "service", "idle", "leader-kill");

  @Spec CommandSpec spec;
  @Mixin NetOptions net = new NetOptions();
  @Mixin PlaneOptions plane = new PlaneOptions();
  @Mixin ClusterOptions cluster = new ClusterOptions();
  @Mixin ClientWarmUp clientWarmUp = new ClientWarmUp();

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
      defaultValue = "create,get,rate,list,watch",
      description = "Which scenarios to run, of create, get, rate, list, watch, scheduler,"
          + " deployment, pod-start, dns, service and idle (default: ${DEFAULT-VALUE}).")
  List<String> scenarios;
  @Option(names = "--pods", paramLabel = "N", defaultValue = "2000",
      description = "Pods created, and pods read by get, per concurrency level (default: ${DEFAULT-VALUE}).")
  int pods;
  @Option(names = "--clients", paramLabel = "LIST", split = ",", defaultValue = "1,16,64",
      description = "Concurrent clients of the create and get scenarios (default: ${DEFAULT-VALUE}).")
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
  @Option(names = "--get-warmup", paramLabel = "N", defaultValue = "20000",
      description = "Unmeasured gets, by as many clients as the most of --clients, before the measured"
          + " ones, so the read path is compiled as the create path is by --warmup (default: ${DEFAULT-VALUE}).")
  int getWarmup;
  @Option(names = "--watchers", paramLabel = "N", defaultValue = "100",
      description = "Concurrent watches (default: ${DEFAULT-VALUE}).")
  int watchers;
  @Option(names = "--watch-pods", paramLabel = "N", defaultValue = "500",
      description = "Pods created while watched (default: ${DEFAULT-VALUE}).")
  int watchPods;
  @Option(names = "--watch-writers", paramLabel = "N", defaultValue = "16",
      description = "Threads creating the watched pods (default: ${DEFAULT-VALUE}).")
  int watchWriters;
  /** The client of --watch-through; null without it. */
  private KubeClient watchThroughClient;
  @Option(names = "--watch-timeout", paramLabel = "DURATION", defaultValue = "30s",
      description = "Wait for the last watch events (default: ${DEFAULT-VALUE}).")
  String watchTimeout;
  @Option(names = "--warmup", paramLabel = "N", defaultValue = "40000",
      description = "Most unmeasured pods created first, in a namespace of their own, when any"
          + " of create, get, rate, list or watch runs: rounds of 2000 (a third by one client, the"
          + " rest by 16) until three rounds in a row are no more than 5%% faster than the best before and"
          + " (a local server) use no more than 5%% less CPU per create; or N; 0 for none (default: ${DEFAULT-VALUE}).")
  int warmup;
  @Option(names = "--pids", paramLabel = "PID", split = ",",
      description = "The server's processes whose resident memory is printed, e.g. etcd,"
          + " kube-apiserver, kube-scheduler, kube-controller-manager (default: the process"
          + " listening on the server's port, when it is on this machine).")
  List<Long> pids = new ArrayList<>();
  @Option(names = "--compare", paramLabel = "FILE",
      description = "A second server's kubeconfig (B): each round runs the scenarios on both,"
          + " A first in odd rounds and B first in even ones, and the final table shows both"
          + " figures of every step and how many times better A is.")
  Path compare;
  @Option(names = "--compare-context", paramLabel = "NAME",
      description = "Context of the --compare kubeconfig (default: its current-context).")
  String compareContext;
  @Option(names = "--rounds", paramLabel = "N", defaultValue = "1",
      description = "Times to run the chosen scenarios, a figure each (default: ${DEFAULT-VALUE}).")
  int rounds;
  @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "30s",
      description = "Timeout of one request (default: ${DEFAULT-VALUE}).")
  String requestTimeout;
  @Option(names = "--run", paramLabel = "ID", description = "Run id in names (default: random).")
  String run;
  @Option(names = "--idle-connections", paramLabel = "N", defaultValue = "10000",
      description = "idle: TLS connections opened and left idle (default: ${DEFAULT-VALUE}).")
  int idleConnections;
  @Option(names = "--idle-requests", paramLabel = "N", defaultValue = "5000",
      description = "idle: GETs timed without and with them (default: ${DEFAULT-VALUE}).")
  int idleRequests;
  @Option(names = "--keep", description = "Keep the namespaces, their pods and the fake nodes.")
  boolean keep;

  /** One server measured: its client, namespaces, control-plane scenarios and figures. */
  private record Side(String label, KubeConfig config, KubeClient client, BenchRun bench, BenchRun warm,
      Plane plane, List<Result> results) {}

  @Override
  public Integer call() throws Exception {
    Settings s = settings();
    PrintWriter out = spec.commandLine().getOut();
    List<Side> sides = new ArrayList<>();
    try {
      if (cluster.watchThrough != null) {
        watchThroughClient = new KubeClient(KubeConfig.load(cluster.watchThrough, null), "logplane-bench", connections,
            s.requestTimeout());
      }
      sides.add(side(compare == null ? "" : "A", s.kubeconfig(), context, s.run(), pids, s, out));
      if (compare != null) {
        sides.add(side("B", compare, compareContext, s.run() + "-b", List.of(), s, out));
      }
    } catch (KubeConfigException e) {
      spec.commandLine().getErr().println("bench: " + e.getMessage());
      sides.forEach(side -> side.client().close());
      return 2;
    }
    try {
      boolean podScenarios = scenarios.stream().anyMatch(POD_SCENARIOS::contains);
      if (podScenarios) {
        clientWarmUp.run(connections, s.requestTimeout(), out);
      }
      for (Side side : sides) {
        out.printf("bench: %sserver %s, %d connection(s), run %s%n", prefix(side), side.config().server(),
            connections, side.bench().run);
        Probe.describe(side.client(), out);
        if (podScenarios && warmup > 0) {
          side.warm().setUp();
          WarmUp.run(side.warm(), warmup, side.plane().memory()::cpuTicks);
        }
        if (podScenarios) {
          side.bench().setUp();
        }
      }
      PodStartScenario.Options podStart = s.podStart();
      DnsScenario.Options dns = s.dns();
      ServiceScenario.Options service = s.service();
      for (int round = 1; round <= rounds; round++) {
        String suffix = rounds > 1 ? " r" + round : "";
        for (Side side : Comparison.roundOrder(sides, round)) {
          if (sides.size() > 1) {
            out.printf("bench: round %d on %s%n", round, side.label());
          }
          runScenarios(side.bench(), s, side.results(), suffix, side == sides.get(0) ? watchThroughClient : null);
          runPlane(side.plane(), podStart, suffix);
          if (scenarios.contains("dns")) {
            DnsScenario.run(side.plane(), dns, suffix);
          }
          if (scenarios.contains("service")) {
            ServiceScenario.run(side.plane(), service, suffix);
          }
          if (scenarios.contains("leader-kill")) {
            report(side.bench().out, side.results(), LeaderKill.run(side.client(), side.bench().namespace
                + "-leader-kill-" + round, side.bench().out, s.leaderKill()).labelled(suffix));
          }
          if (scenarios.contains("idle")) {
            IdleScenario.run(side.plane(), side.config().server(),
                new IdleScenario.Options(idleConnections, idleRequests, clients.get(clients.size() - 1)), suffix);
          }
        }
      }
    } catch (BenchException e) {
      out.println("bench: " + e.getMessage());
      return 1;
    } finally {
      for (Side side : sides) {
        close(side, out);
      }
      if (watchThroughClient != null) {
        watchThroughClient.close();
      }
      if (sides.size() == 1 && !sides.get(0).results().isEmpty()) {
        out.println();
        out.print(Result.table(sides.get(0).results()));
      } else if (sides.size() == 2) {
        out.println();
        out.print(Comparison.table(sides.get(0).results(), sides.get(1).results()));
      }
      out.flush();
    }
    return sides.stream().flatMap(side -> side.results().stream()).anyMatch(r -> r.errors() > 0) ? 1 : 0;
  }

  private Side side(String label, Path file, String contextName, String runId, List<Long> serverPids, Settings s,
      PrintWriter out) throws KubeConfigException {
    KubeConfig config = KubeConfig.load(file, contextName);
    KubeClient client = new KubeClient(config, "logplane-bench", connections, s.requestTimeout());
    List<Result> results = new ArrayList<>();
    PrintWriter lines = label.isEmpty() ? out : new PrintWriter(new Prefixed(out, label + " "), true);
    return new Side(label, config, client, new BenchRun(client, runId, lines),
        new BenchRun(client, runId + "-warmup", lines), plane(client, config, serverPids, s, lines, results), results);
  }

  private static String prefix(Side side) {
    return side.label().isEmpty() ? "" : side.label() + " ";
  }

  private void close(Side side, PrintWriter out) {
    for (BenchRun b : List.of(side.warm(), side.bench())) {
      if (!keep && b.namespaceCreated()) {
        b.tearDown();
      }
    }
    KubeClient client = side.client();
    if (client.connectionsOpened() > connections) {
      out.printf(client.protocol().equals("HTTP/2")
          ? "bench: %s%d connections used, not %d: the server's HTTP/2 concurrent stream"
              + " limit was reached or a connection closed (client-go would open more"
              + " connections too)%n"
          : "bench: %s%d connections used, not %d: HTTP/1.1 has one per request in flight%n",
          prefix(side), client.connectionsOpened(), connections);
    }
    client.close();
  }

  private void runScenarios(BenchRun bench, Settings s, List<Result> results, String suffix, KubeClient watches)
      throws InterruptedException {
    PrintWriter out = bench.out;
    if (scenarios.contains("create")) {
      for (int c : clients) {
        report(out, results, CreateThroughput.run(bench, pods, c).labelled(suffix));
      }
    }
    if (scenarios.contains("get")) {
      if (getWarmup > 0) {
        Result warm = GetPods.run(bench, getWarmup, java.util.Collections.max(clients));
        out.printf("get warm-up: %d gets, %.0f/s%n", warm.ok(), warm.perSecond());
      }
      for (int c : clients) {
        report(out, results, GetPods.run(bench, pods, c).labelled(suffix));
      }
    }
    if (scenarios.contains("rate")) {
      report(out, results, RateCreate.run(bench, s.rate(), s.duration(), maxInFlight,
          s.requestTimeout()).labelled(suffix));
    }
    if (scenarios.contains("list")) {
      report(out, results, ListPods.run(bench, listWarmup, listRuns).labelled(suffix));
    }
    if (scenarios.contains("watch")) {
      report(out, results, WatchDelivery.run(bench, watches == null ? bench.client : watches, watchers, watchPods,
          watchWriters, s.watchTimeout()).labelled((watches == null ? "" : " through the other") + suffix));
    }
  }

  private void runPlane(Plane plane, PodStartScenario.Options podStart, String suffix)
      throws InterruptedException {
    if (scenarios.contains("scheduler")) {
      SchedulerScenario.run(plane, suffix);
    }
    if (scenarios.contains("deployment")) {
      DeploymentScenario.run(plane, suffix);
    }
    if (scenarios.contains("pod-start")) {
      PodStartScenario.run(plane, podStart, suffix);
    }
  }

  private Plane plane(KubeClient client, KubeConfig config, List<Long> serverPids, Settings s, PrintWriter out,
      List<Result> results) {
    ServerMemory memory = ServerMemory.of(config.server(), serverPids);
    if (scenarios.contains("scheduler") || scenarios.contains("deployment")) {
      out.println("bench: memory of " + memory.describe());
    }
    return new Plane(client, new ApiCalls(client), s.plane(), memory, out, r -> report(out, results, r));
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
          && getWarmup >= 0 && watchers >= 1 && watchPods >= 1 && watchWriters >= 1 && warmup >= 0
          && rounds >= 1 && pids.stream().allMatch(p -> p > 0), "counts must be positive");
      require(clients.stream().allMatch(c -> c >= 1), "--clients must be positive");
      return new Settings(kubeconfig != null ? kubeconfig : defaultKubeconfig(),
          run != null ? run : UUID.randomUUID().toString().substring(0, 6),
          Units.rate(rate), Units.duration(duration), Units.duration(watchTimeout),
          Units.duration(requestTimeout), plane.plane(keep), plane.podStart(keep),
          net.dns(keep), net.service(plane.podStartNode, plane.podStartPullPolicy, keep),
          scenarios.contains("leader-kill") ? cluster.leaderKill() : null);
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
      Duration watchTimeout, Duration requestTimeout, Plane.Options plane,
      PodStartScenario.Options podStart, DnsScenario.Options dns, ServiceScenario.Options service,
      LeaderKill.Options leaderKill) {}
}
