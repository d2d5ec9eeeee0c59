package io.logplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.kubeclient.KubeClient;
import io.logplane.kubeclient.ListWatch;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * Pod start latency on one real node, as the kubelet's pod startup SLI (its image present, so no
 * pull is timed): pods that only fit on the node ({@code kubernetes.io/hostname}) are created at a
 * fixed rate, each timed from its create's send to the first time a watch shows it
 * {@code Running}; then more pods up to the node's full load (110, the kubelet's
 * {@code max-pods}), and the node agent's resident memory and CPU use with them all running;
 * then the pods deleted and the time until the watch sees the last one go.
 */
final class PodStartScenario {
  private static final Duration CPU_WINDOW = Duration.ofSeconds(10);
  private static final Duration PROGRESS = Duration.ofSeconds(10);

  /**
   * @param node       the node to start pods on; null for this machine's (named by its host name)
   * @param pods       the pods timed
   * @param max        the pods running when the node agent is measured
   * @param perSecond  the create rate
   * @param image      the image, present on the node
   * @param pullPolicy {@code IfNotPresent} or {@code Never}
   * @param nodePids   the node agent's processes, else the one listening on the node's port
   */
  record Options(String node, int pods, int max, double perSecond, String image,
      String pullPolicy, Duration timeout, List<Long> nodePids, boolean keep) {}

  private PodStartScenario() {}

  static void run(Plane p, Options o, String suffix) throws InterruptedException {
    JsonNode node = RealNodes.require(p, o.node());
    String name = node.path("metadata").path("name").asText();
    ServerMemory agent = ServerMemory.of(agentUri(node), o.nodePids(), "--node-pid",
        "node agent's process", new ProcFs(Path.of("/proc")));
    p.say("pod-start: node %s (%s); node agent: %s", name,
        node.at("/status/nodeInfo/containerRuntimeVersion").asText("?"), agent.describe());
    String namespace = "bench-podstart-" + Plane.id();
    String pods = "/api/v1/namespaces/" + namespace + "/pods";
    PodStarts starts = new PodStarts(System::nanoTime);
    ListWatch watch = null;
    try {
      p.api().namespace(namespace);
      watch = ListWatch.start(p.client(), pods, "", starts);
      if (!ApiCalls.await(starts::listed, Duration.ofSeconds(60))) {
        throw new BenchException("cannot list and watch the pods of " + namespace);
      }
      Errors errors = new Errors();
      long from = System.nanoTime();
      create(p, o, pods, name, 0, o.pods(), starts, errors);
      awaitRunning(p, starts, o.pods(), o.timeout(), errors);
      double seconds = Plane.seconds(from, System.nanoTime());
      p.report().accept(Result.of("pod-start" + suffix, starts.running(), errors, Double.NaN,
          starts.latencies().stats(), String.format(Locale.ROOT,
              "create → Running on a watch, %d pods at %s/s on %s, all Running after %.1fs",
              o.pods(), new java.text.DecimalFormat("0.##", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT))
                  .format(o.perSecond()), name, seconds)));
      if (o.max() > o.pods()) {
        Errors more = new Errors();
        create(p, o, pods, name, o.pods(), o.max(), starts, more);
        awaitRunning(p, starts, o.max(), o.timeout(), more);
        p.say("pod-start: %d pods Running on %s", starts.running(), name);
      }
      p.report().accept(agent.sample("node memory " + o.max() + suffix));
      p.report().accept(agent.cpu("node cpu " + o.max() + suffix, CPU_WINDOW));
      deleteAll(p, o, pods, starts, suffix);
    } finally {
      if (watch != null) {
        watch.close();
      }
      if (!o.keep()) {
        boolean gone = p.api().deleteAndAwaitGone("/api/v1/namespaces/" + namespace,
            Duration.ofMinutes(5));
        p.say("cleanup: namespace %s %s", namespace, gone ? "deleted" : "still there");
      }
    }
  }

  /** Where the node's agent listens: its InternalIP and the kubelet endpoint's port. */
  private static URI agentUri(JsonNode node) {
    String ip = RealNodes.internalIp(node);
    ip = ip != null ? ip : "127.0.0.1";
    int port = node.at("/status/daemonEndpoints/kubeletEndpoint/Port").asInt(10250);
    return URI.create("https://" + (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port);
  }

  /** Creates pods {@code from} to {@code to} (excluded) at the rate, without waiting for answers. */
  private static void create(Plane p, Options o, String path, String node, int from, int to,
      PodStarts starts, Errors errors) throws InterruptedException {
    long interval = (long) (1e9 / o.perSecond());
    long start = System.nanoTime();
    CompletableFuture<?>[] answers = new CompletableFuture<?>[to - from];
    for (int i = from; i < to; i++) {
      long due = start + (i - from) * interval;
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      String name = "start-" + i;
      starts.sent(name);
      answers[i - from] = p.client().sendAsync("POST", path, pod(name, node, o))
          .whenComplete((r, e) -> {
            if (e != null) {
              errors.failure(e);
            } else if (!r.ok()) {
              errors.http(r.status(), r.body());
            }
          });
    }
    try {
      CompletableFuture.allOf(answers).join();
    } catch (RuntimeException counted) {
      // each failure is in errors
    }
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
  }

  private static void awaitRunning(Plane p, PodStarts starts, int count, Duration timeout,
      Errors errors) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long nextProgress = start + PROGRESS.toNanos();
    while (starts.running() < count && System.nanoTime() < deadline) {
      if (System.nanoTime() > nextProgress) {
        p.say("pod-start: %d of %d Running", starts.running(), count);
        nextProgress += PROGRESS.toNanos();
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
    if (starts.running() < count) {
      errors.add("not running", (count - starts.running()) + " pods not Running after"
          + " --pod-start-timeout " + timeout.toSeconds() + "s");
    }
  }

  /** Deletes the namespace's pods and times until the watch saw the last one go. */
  private static void deleteAll(Plane p, Options o, String path, PodStarts starts, String suffix)
      throws InterruptedException {
    int before = starts.pods();
    long start = System.nanoTime();
    KubeClient.Response r = p.api().send("DELETE", path, null);
    Errors errors = new Errors();
    if (!r.ok()) {
      errors.http(r.status(), r.body());
    }
    if (!ApiCalls.await(() -> starts.pods() == 0, o.timeout())) {
      errors.add("not deleted", starts.pods() + " pods left after --pod-start-timeout");
    }
    long gone = System.nanoTime();
    p.report().accept(Result.of("pod-start delete" + suffix, before - starts.pods(), errors,
        Double.NaN, Latencies.Stats.EMPTY, String.format(Locale.ROOT,
            "%d pods gone %.2fs after the delete of the collection", before,
            Plane.seconds(start, gone))));
  }

  /**
   * A pod of the image that only fits on {@code node}, with tiny requests; it ends at once on
   * SIGTERM, so its deletion times the node, not a grace period.
   */
  static String pod(String name, String node, Options o) {
    ObjectNode pod = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
    pod.putObject("metadata").put("name", name).putObject("labels")
        .put("app", "logplane-bench-pod-start");
    ObjectNode spec = pod.putObject("spec").put("terminationGracePeriodSeconds", 5);
    spec.putObject("nodeSelector").put("kubernetes.io/hostname", node);
    ObjectNode c = spec.putArray("containers").addObject().put("name", "sleep")
        .put("image", o.image()).put("imagePullPolicy", o.pullPolicy());
    ArrayNode command = c.putArray("command");
    List.of("sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait").forEach(command::add);
    c.putObject("resources").putObject("requests").put("cpu", "1m").put("memory", "1Mi");
    return pod.toString();
  }
}
