package io.logplane.bench;

import io.logplane.kubeclient.KubeClient;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closed loop of reads by name: {@code clients} clients each GET one of the run's pods after the
 * other, resourceVersion unset (the read kubectl get and client-go's Get make, which must see
 * every write acknowledged before it), until {@code count} have been sent. The pods read are
 * the first the run made (up to {@value #NAMES}), in turn; each answer's body is read whole.
 */
final class GetPods {
  /** How many of the run's pods are read in turn. */
  static final int NAMES = 2000;

  private GetPods() {}

  static Result run(BenchRun bench, int count, int clients) throws InterruptedException {
    int names = Math.max(1, Math.min(bench.created(), NAMES));
    KubeClient.Prepared[] gets = new KubeClient.Prepared[names];
    for (int i = 0; i < names; i++) {
      gets[i] = bench.client.prepare("GET", bench.podsPath() + "/" + bench.pods.name(i), false, true);
    }
    AtomicInteger next = new AtomicInteger();
    return CreateThroughput.run("get c=" + clients, next::getAndIncrement,
        index -> bench.client.send(gets[index % names], null), count, clients);
  }
}
