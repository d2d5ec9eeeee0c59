package io.logplane.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closed-loop HTTP GETs of one address from a few threads, each with its own {@link HttpGets}:
 * either a count of requests, timed each, or requests sent until stopped, each recorded with
 * who answered it.
 */
final class HttpLoad {
  private HttpLoad() {}

  /** The figures of a counted run. */
  record Figures(long ok, double seconds, Latencies latencies, Errors errors, int connections) {
    double perSecond() {
      return ok / seconds;
    }
  }

  /** {@code requests} GETs of {@code path} spread over {@code clients} threads. */
  static Figures count(InetSocketAddress target, String path, int requests, int clients,
      boolean keepAlive, Duration timeout) throws InterruptedException {
    Latencies latencies = new Latencies();
    Errors errors = new Errors();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger connections = new AtomicInteger();
    long start = System.nanoTime();
    runThreads(clients, () -> {
      try (HttpGets gets = new HttpGets(target, keepAlive, timeout)) {
        while (next.getAndIncrement() < requests) {
          long sent = System.nanoTime();
          try {
            gets.get(path);
            latencies.record(System.nanoTime() - sent);
          } catch (IOException e) {
            errors.failure(e);
          }
        }
        connections.addAndGet(gets.connections());
      }
    });
    return new Figures(latencies.count(), Plane.seconds(start, System.nanoTime()), latencies,
        errors, connections.get());
  }

  /** GETs of {@code path} without keep-alive from {@code clients} threads until {@code stop}. */
  static Thread record(InetSocketAddress target, String path, int clients, Duration timeout,
      AtomicBoolean stop, Hits hits, Errors errors) {
    Thread t = new Thread(() -> {
      try {
        runThreads(clients, () -> {
          try (HttpGets gets = new HttpGets(target, false, timeout)) {
            while (!stop.get()) {
              long sent = System.nanoTime();
              try {
                hits.record(sent, gets.get(path));
              } catch (IOException e) {
                errors.failure(e);
              }
            }
          }
        });
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "bench-http-recorder");
    t.start();
    return t;
  }

  private static void runThreads(int n, Runnable body) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Thread t = new Thread(body, "bench-http-" + i);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
  }
}
