package io.logplane.bench;

import io.logplane.kubeclient.KubeClient;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Closed loop: {@code clients} clients each create objects (pods, unless told otherwise) one
 * after the other until {@code count} have been sent. Gives the throughput a number of
 * well-behaved clients reach, and the latency each saw.
 *
 * <p>A client is a callback, not a thread: its next create is sent from the client's event
 * loop as soon as the previous answer is read, so the bench costs no thread hand-offs.
 */
final class CreateThroughput {
  private CreateThroughput() {}

  /** Sends the create of the object of one index; completes on the client's event loop. */
  interface Creates {
    Future<KubeClient.Response> create(int index);
  }

  /** Creates {@code pods} of the run's pods. */
  static Result run(BenchRun bench, int pods, int clients) throws InterruptedException {
    return run("create c=" + clients, bench::nextPod, bench::createPodAsync, pods, clients);
  }

  /**
   * Creates {@code count} objects, {@code clients} at a time, each of the next index.
   *
   * @param label the result's scenario
   */
  static Result run(String label, IntSupplier nextIndex, Creates creates, int count, int clients)
      throws InterruptedException {
    Shared shared = new Shared(nextIndex, creates, count, new Latencies(), new Errors(),
        new AtomicInteger(), new CountDownLatch(clients));
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      new Client(shared).next();
    }
    shared.done().await();
    double seconds = (System.nanoTime() - start) / 1e9;
    int ok = shared.latencies().count();
    return Result.of(label, ok, shared.errors(), ok / seconds,
        shared.latencies().stats(), String.format(java.util.Locale.ROOT, "in %.2fs", seconds));
  }

  private record Shared(IntSupplier nextIndex, Creates creates, int count, Latencies latencies,
      Errors errors, AtomicInteger sent, CountDownLatch done) {}

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
      if (shared.sent().getAndIncrement() >= shared.count()) {
        shared.done().countDown();
        return;
      }
      sentAt = System.nanoTime();
      try {
        shared.creates().create(shared.nextIndex().getAsInt()).onComplete(this);
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
