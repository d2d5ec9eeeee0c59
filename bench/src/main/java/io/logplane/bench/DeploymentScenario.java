package io.logplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.kubeclient.KubeClient;
import io.logplane.kubeclient.ListWatch;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * A Deployment of many replicas on nodes that make pods Ready (hollow nodes), end to end: from
 * the create's answer to {@code status.readyReplicas} reaching the replicas, seen on a watch of
 * the Deployment, with the moments all pods were created, bound and Ready on a watch of the
 * pods; then the namespace deleted and the time until its pods are gone.
 */
final class DeploymentScenario {
  static final String NAME = "bench";
  private static final Duration PROGRESS = Duration.ofSeconds(10);

  private DeploymentScenario() {}

  static void run(Plane p, String suffix) throws InterruptedException {
    Plane.Options o = p.options();
    awaitNodes(p);
    String namespace = "bench-deploy-" + Plane.id();
    String base = "/apis/apps/v1/namespaces/" + namespace + "/deployments";
    PodTally pods = new PodTally(o.deployReplicas(), System::nanoTime);
    Readiness ready = new Readiness(o.deployReplicas());
    ListWatch podWatch = null;
    ListWatch deploymentWatch = null;
    boolean made = false;
    try {
      made = true;
      p.api().namespace(namespace);
      podWatch = ListWatch.start(p.client(), "/api/v1/namespaces/" + namespace + "/pods", "", pods);
      deploymentWatch = ListWatch.start(p.client(), base, "", ready);
      if (!ApiCalls.await(() -> pods.snapshot().listed() && ready.listed, Duration.ofSeconds(60))) {
        throw new BenchException("cannot list and watch the pods and Deployments of " + namespace);
      }
      KubeClient.Response r = p.api().send("POST", base,
          deployment(namespace, NAME, o.deployReplicas()));
      long created = System.nanoTime();
      if (!r.ok()) {
        throw new BenchException("cannot create the Deployment: HTTP " + r.status() + " " + r.body());
      }
      p.say("deployment: %s/%s of %d replicas created", namespace, NAME, o.deployReplicas());
      Errors errors = new Errors();
      long deadline = created + o.deployTimeout().toNanos();
      long nextProgress = created + PROGRESS.toNanos();
      while (ready.at < 0 && System.nanoTime() < deadline) {
        if (System.nanoTime() > nextProgress) {
          PodTally.Snapshot s = pods.snapshot();
          p.say("deployment: %d pods, %d bound, %d Ready after %.0fs", s.pods(), s.bound(),
              s.ready(), Plane.seconds(created, System.nanoTime()));
          nextProgress += PROGRESS.toNanos();
        }
        LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
      }
      if (ready.at < 0) {
        errors.add("not ready", "readyReplicas " + ready.readyReplicas + " of "
            + o.deployReplicas() + " after --deploy-timeout " + o.deployTimeout().toSeconds() + "s");
      }
      // The Deployment's status and the pods come on two watches: let the pods' catch up (a
      // few seconds at most) so the marks are complete, without moving the headline figure.
      ApiCalls.await(() -> ready.at < 0 || pods.snapshot().allReady() >= 0, Duration.ofSeconds(10));
      p.report().accept(Result.of("deployment" + suffix, ready.readyReplicas, errors, Double.NaN,
          Latencies.Stats.EMPTY, marks(pods.snapshot(), created, ready.at)));
      p.report().accept(p.memory().sample("deploy memory" + suffix));
    } finally {
      if (deploymentWatch != null) {
        deploymentWatch.close();
      }
      if (made && !o.keep()) {
        deleteAll(p, namespace, pods, suffix);
      }
      if (podWatch != null) {
        podWatch.close();
      }
    }
  }

  /** {@code ready 6.21s after the create: pods created 2.10s, bound 3.02s, Ready 5.90s}. */
  static String marks(PodTally.Snapshot s, long created, long readyAt) {
    return String.format(Locale.ROOT, "%s: pods created %s, bound %s, Ready %s",
        readyAt < 0 ? "not ready" : String.format(Locale.ROOT, "ready %.2fs after the create",
            Plane.seconds(created, readyAt)),
        since(created, s.allCreated()), since(created, s.allBound()), since(created, s.allReady()));
  }

  private static String since(long from, long mark) {
    return mark < 0 ? "-" : String.format(Locale.ROOT, "%.2fs", Plane.seconds(from, mark));
  }

  /** Waits until enough Ready nodes besides the bench's fake ones, or says how to start them. */
  private static void awaitNodes(Plane p) throws InterruptedException {
    int wanted = p.options().deployNodes();
    String path = "/api/v1/nodes?" + FakeNodes.OTHERS;
    int[] ready = {readyNodes(p, path)};
    if (ready[0] < wanted) {
      p.say("deployment: %d Ready nodes (besides the bench's fake ones), --deploy-nodes %d wanted;"
          + " waiting up to %ds", ready[0], wanted, p.options().deployTimeout().toSeconds());
      if (!ApiCalls.await(() -> (ready[0] = readyNodes(p, path)) >= wanted,
          p.options().deployTimeout())) {
        throw new BenchException("only " + ready[0] + " Ready nodes, --deploy-nodes " + wanted
            + " wanted: start hollow nodes with `logplane up --hollow-nodes " + wanted
            + "`, or `logplane hollow-nodes --count " + wanted + " --kubeconfig FILE` beside any"
            + " API server");
      }
    }
    p.say("deployment: %d Ready nodes", ready[0]);
  }

  private static int readyNodes(Plane p, String path) throws InterruptedException {
    return (int) p.api().list(path).stream().filter(FakeNodes::ready).count();
  }

  /** Deletes the namespace and prints how long its pods took to go (seen on the pod watch). */
  private static void deleteAll(Plane p, String namespace, PodTally pods, String suffix)
      throws InterruptedException {
    int before = pods.snapshot().pods();
    long start = System.nanoTime();
    try {
      p.api().send("DELETE", "/api/v1/namespaces/" + namespace, null);
      Errors errors = new Errors();
      if (!ApiCalls.await(() -> pods.snapshot().pods() == 0, p.options().deployTimeout())) {
        errors.add("not deleted", pods.snapshot().pods() + " pods left after --deploy-timeout");
      }
      long gone = System.nanoTime();
      p.report().accept(Result.of("deploy delete" + suffix, before - pods.snapshot().pods(),
          errors, Double.NaN, Latencies.Stats.EMPTY, String.format(Locale.ROOT,
              "%d pods gone %.2fs after the namespace's delete", before, Plane.seconds(start, gone))));
      boolean nsGone = p.api().deleteAndAwaitGone("/api/v1/namespaces/" + namespace,
          Duration.ofMinutes(5));
      p.say("cleanup: namespace %s %s in %.1fs", namespace, nsGone ? "deleted" : "still there",
          Plane.seconds(start, System.nanoTime()));
    } catch (BenchException e) {
      p.say("cleanup: failed: %s", e.getMessage());
    }
  }

  /**
   * A Deployment of pause containers with tiny requests, so a thousand fit on a hundred nodes;
   * the fake nodes' taint keeps them off those.
   */
  static String deployment(String namespace, String name, int replicas) {
    ObjectNode d = Json.MAPPER.createObjectNode().put("apiVersion", "apps/v1")
        .put("kind", "Deployment");
    d.putObject("metadata").put("name", name).put("namespace", namespace);
    ObjectNode spec = d.putObject("spec").put("replicas", replicas);
    spec.putObject("selector").putObject("matchLabels").put("app", "logplane-bench-deployment");
    ObjectNode template = spec.putObject("template");
    template.putObject("metadata").putObject("labels").put("app", "logplane-bench-deployment");
    ObjectNode container = template.putObject("spec").putArray("containers").addObject()
        .put("name", "pause").put("image", "registry.k8s.io/pause:3.9");
    container.putObject("resources").putObject("requests").put("cpu", "1m").put("memory", "1Mi");
    return d.toString();
  }

  /** The Deployment's readyReplicas as watched, and when it first reached the replicas. */
  private static final class Readiness implements ListWatch.Listener {
    private final int replicas;
    volatile boolean listed;
    volatile int readyReplicas;
    volatile long at = -1;

    Readiness(int replicas) {
      this.replicas = replicas;
    }

    @Override
    public void listed(List<JsonNode> items) {
      items.forEach(d -> changed("ADDED", d));
      listed = true;
    }

    @Override
    public void changed(String type, JsonNode d) {
      if (!NAME.equals(d.path("metadata").path("name").asText()) || "DELETED".equals(type)) {
        return;
      }
      readyReplicas = d.path("status").path("readyReplicas").asInt(0);
      if (at < 0 && readyReplicas >= replicas) {
        at = System.nanoTime();
      }
    }
  }
}
