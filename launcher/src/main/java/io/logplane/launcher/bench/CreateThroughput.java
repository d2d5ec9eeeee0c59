package io.logplane.launcher.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closed loop: {@code clients} threads each create pods one after the other until
 * {@code pods} have been sent. Gives the throughput a number of well-behaved clients
 * reach, and the latency each saw.
 */
final class CreateThroughput {
  private CreateThroughput() {}

  static Result run(BenchRun bench, int pods, int clients) throws InterruptedException {
    Latencies latencies = new Latencies();
    Errors errors = new Errors();
    AtomicInteger sent = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        workers.add(pool.submit(() -> {
          while (sent.getAndIncrement() < pods) {
            String name = bench.nextPodName();
            long t0 = System.nanoTime();
            if (bench.createPod(name, errors)) {
              latencies.record(System.nanoTime() - t0);
            }
          }
        }));
      }
      for (Future<?> w : workers) {
        try {
          w.get();
        } catch (java.util.concurrent.ExecutionException e) {
          errors.failure(e);
        }
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    int ok = latencies.count();
    return Result.of("create c=" + clients, ok, errors, ok / seconds, latencies.stats(),
        String.format(java.util.Locale.ROOT, "in %.2fs", seconds));
  }
}
