package io.logplane.bench;

import io.logplane.kubeclient.KubeClient;
import io.vertx.core.Future;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One bench run against one server: the client, the run's namespace, and the pod index
 * counter shared by all scenarios (pods accumulate, so later lists see all of them).
 */
final class BenchRun {
  final KubeClient client;
  final String run;
  final String namespace;
  final PrintWriter out;
  final BodyTemplate pods;
  private final KubeClient.Prepared create;
  private final AtomicInteger podIndex = new AtomicInteger();
  private volatile boolean namespaceCreated;

  BenchRun(KubeClient client, String run, PrintWriter out) {
    this.client = client;
    this.run = run;
    this.namespace = "bench-" + run;
    this.out = out;
    this.pods = BodyTemplate.pods(namespace, "bench-" + run + "-");
    this.create = client.prepare("POST", podsPath(), true, false);
  }

  /** The index of the next pod to create; its name is {@code pods.name(index)}. */
  int nextPod() {
    return podIndex.getAndIncrement();
  }

  /** How many pod indexes were handed out: the pods made so far (or tried). */
  int created() {
    return podIndex.get();
  }

  String podsPath() {
    return "/api/v1/namespaces/" + namespace + "/pods";
  }

  /**
   * Sends the create of pod {@code index}, its body encoded from the template; the answer's
   * body is read only when it is an error. Completes on the client's event loop.
   */
  Future<KubeClient.Response> createPodAsync(int index) {
    return client.send(create, pods.body(index));
  }

  /** Creates one pod and waits; returns whether it succeeded, recording any failure. */
  boolean createPod(int index, Errors errors) {
    try {
      KubeClient.Response r = createPodAsync(index).toCompletionStage().toCompletableFuture()
          .get();
      if (!r.ok()) {
        errors.http(r.status(), r.body());
      }
      return r.ok();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      errors.failure(e);
      return false;
    } catch (Exception e) {
      errors.failure(e);
      return false;
    }
  }

  /**
   * Creates the namespace and its first pod. The first pod is retried on 403 for a while: a
   * real kube-apiserver refuses pods until the service-account controller has made the
   * namespace's {@code default} service account.
   *
   * @throws BenchException when the namespace or the first pod cannot be created
   */
  void setUp() throws InterruptedException {
    try {
      KubeClient.Response r = client.send("POST", "/api/v1/namespaces", Json.namespace(namespace));
      if (!r.ok()) {
        throw new BenchException("cannot create namespace " + namespace + ": HTTP "
            + r.status() + " " + r.body());
      }
      namespaceCreated = true;
    } catch (java.io.IOException e) {
      throw new BenchException("cannot reach the server: " + e, e);
    }
    int retries = firstPod(Duration.ofSeconds(20));
    out.printf("setup: namespace %s (%d retries of its first pod)%n", namespace, retries);
    out.flush();
  }

  /** Creates the first pod, retrying only 403; returns the number of retries. */
  private int firstPod(Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    for (int retries = 0; ; retries++) {
      KubeClient.Response r;
      try {
        r = client.send("POST", podsPath(), Json.pod(namespace, pods.name(nextPod())));
      } catch (java.io.IOException e) {
        throw new BenchException("cannot reach the server: " + e, e);
      }
      if (r.ok()) {
        return retries;
      }
      if (r.status() != 403 || System.nanoTime() > deadline) {
        Errors first = new Errors();
        first.http(r.status(), r.body());
        throw new BenchException("cannot create a pod in " + namespace + ":\n"
            + first.describe().stripTrailing());
      }
      LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
    }
  }

  boolean namespaceCreated() {
    return namespaceCreated;
  }

  /** Deletes the pods (at once, no grace) and the namespace; failures are reported. */
  void tearDown() {
    String[][] steps = {
        {podsPath() + "?gracePeriodSeconds=0", "pods"},
        {"/api/v1/namespaces/" + namespace, "namespace"}};
    for (String[] step : steps) {
      try {
        KubeClient.Response r = client.send("DELETE", step[0], null);
        // a server pushing back after the burst (429) is asked again, as client-go would, up to 10 times
        for (int tries = 1; r.status() == 429 && tries <= 10; tries++) {
          Thread.sleep(1000);
          r = client.send("DELETE", step[0], null);
        }
        out.printf("cleanup: delete %s %s -> HTTP %d%n", step[1], namespace, r.status());
      } catch (Exception e) {
        out.printf("cleanup: delete %s %s failed: %s%n", step[1], namespace, e);
      }
    }
    out.flush();
  }
}
