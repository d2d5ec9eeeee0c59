package io.logplane.bench;

import io.logplane.kubeclient.KubeClient;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closed loop: {@code clients} clients each create pods one after the other until
 * {@code pods} have been sent. Gives the throughput a number of well-behaved clients
 * reach, and the latency each saw.
 *
 * <p>A client is a callback, not a thread: its next create is sent from the client's event
 * loop as soon as the previous answer is read, so the bench costs no thread hand-offs.
 */
final class CreateThroughput {
  private CreateThroughput() {}

  static Result run(BenchRun bench, int pods, int clients) throws InterruptedException {
    Shared shared = new Shared(bench, pods, new Latencies(), new Errors(), new AtomicInteger(),
        new CountDownLatch(clients));
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      new Client(shared).next();
    }
    shared.done().await();
    double seconds = (System.nanoTime() - start) / 1e9;
    int ok = shared.latencies().count();
    return Result.of("create c=" + clients, ok, shared.errors(), ok / seconds,
        shared.latencies().stats(), String.format(java.util.Locale.ROOT, "in %.2fs", seconds));
  }

  private record Shared(BenchRun bench, int pods, Latencies latencies, Errors errors,
      AtomicInteger sent, CountDownLatch done) {}

  /** One client: one create in flight at a time. */
  private static final class Client implements Handler<AsyncResult<KubeClient.Response>> {
    private final Shared shared;
    // Sends owed: one to start, one per answer. An answer can arrive while its request is
    // still being sent (a failure at once, or on another thread); whoever finds the count at
    // zero sends, the others only add to it, so sends never nest and none is lost.
    private final AtomicInteger owed = new AtomicInteger();
    private volatile long sentAt;

    Client(Shared shared) {
      this.shared = shared;
    }

    void next() {
      if (owed.getAndIncrement() != 0) {
        return;
      }
      int n = 1;
      do {
        sendOne();
        n = owed.addAndGet(-n);
      } while (n != 0);
    }

    private void sendOne() {
      if (shared.sent().getAndIncrement() >= shared.pods()) {
        shared.done().countDown();
        return;
      }
      sentAt = System.nanoTime();
      try {
        shared.bench().createPodAsync(shared.bench().nextPod()).onComplete(this);
      } catch (RuntimeException e) {
        shared.errors().failure(e);
        next();
      }
    }

    @Override
    public void handle(AsyncResult<KubeClient.Response> answer) {
      long now = System.nanoTime();
      if (answer.failed()) {
        shared.errors().failure(answer.cause());
      } else if (!answer.result().ok()) {
        shared.errors().http(answer.result().status(), answer.result().body());
      } else {
        shared.latencies().record(now - sentAt);
      }
      next();
    }
  }
}
