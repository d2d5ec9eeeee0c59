package io.logplane.bench;

import io.logplane.kubeclient.KubeClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Watch fan-out: {@code watchers} watches on the namespace's pods from the current
 * resourceVersion, then {@code writers} threads create {@code pods} pods. Each ADDED event a
 * watcher receives gives one delivery latency: its receive time minus the time its create
 * request was sent (taken just before sending, kept per pod name). The watches go through
 * {@code watches}: the measured server's client, or another replica's.
 */
final class WatchDelivery {
  private WatchDelivery() {}

  static Result run(BenchRun bench, KubeClient watches, int watchers, int pods, int writers, Duration timeout)
      throws InterruptedException {
    Errors errors = new Errors();
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    WatchStream.Shared shared = new WatchStream.Shared(sentAt, new Latencies(), errors);
    String rv = currentResourceVersion(bench, errors);
    if (rv == null) {
      return Result.of("watch w=" + watchers, 0, errors, Double.NaN, Latencies.Stats.EMPTY,
          "no resourceVersion to watch from");
    }
    String path = bench.podsPath() + "?watch=1&allowWatchBookmarks=true&resourceVersion=" + rv;
    List<WatchStream> streams = new ArrayList<>();
    List<CompletableFuture<Integer>> opened = new ArrayList<>();
    for (int i = 0; i < watchers; i++) {
      WatchStream s = new WatchStream(shared);
      streams.add(s);
      opened.add(watches.stream(path, s));
    }
    int open = awaitOpen(opened, streams, errors, Duration.ofSeconds(10));
    long firstSend = System.nanoTime();
    int created = write(bench, pods, writers, sentAt, errors);
    long expected = (long) open * created;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (shared.received() < expected && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
    streams.forEach(WatchStream::cancel);
    long received = shared.received();
    double seconds = (shared.lastReceive() - firstSend) / 1e9;
    String note = String.format(Locale.ROOT, "received %d/%d (%d watches x %d pods), %d bookmarks",
        received, expected, open, created, shared.bookmarks());
    if (received < expected) {
      errors.add("missing events", (expected - received) + " events not delivered within "
          + timeout.toSeconds() + "s after the last create");
    }
    return Result.of("watch w=" + watchers, received, errors,
        seconds > 0 ? received / seconds : Double.NaN, shared.latencies().stats(), note);
  }

  private static String currentResourceVersion(BenchRun bench, Errors errors)
      throws InterruptedException {
    try {
      KubeClient.Response r = bench.client.send("GET", bench.podsPath() + "?limit=1", null);
      if (!r.ok()) {
        errors.http(r.status(), r.body());
        return null;
      }
      String rv = Json.MAPPER.readTree(r.body()).path("metadata").path("resourceVersion")
          .asText("");
      return rv.isEmpty() ? null : rv;
    } catch (java.io.IOException e) {
      errors.failure(e);
      return null;
    }
  }

  /** Waits for the watches' response headers; returns how many answered 200. */
  private static int awaitOpen(List<CompletableFuture<Integer>> opened,
      List<WatchStream> streams, Errors errors, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    int ok = 0;
    for (int i = 0; i < opened.size(); i++) {
      try {
        int status = opened.get(i).get(Math.max(0, deadline - System.nanoTime()),
            TimeUnit.NANOSECONDS);
        if (status == 200) {
          ok++;
        } else {
          // Its end is this error, not also a "closed early" one.
          streams.get(i).cancel();
          errors.add("watch HTTP " + status, "watch refused");
        }
      } catch (java.util.concurrent.TimeoutException e) {
        errors.add("watch not open", "no response headers within " + wait.toSeconds() + "s");
      } catch (Exception e) {
        errors.failure(e);
      }
    }
    return ok;
  }

  private static int write(BenchRun bench, int pods, int writers, Map<String, Long> sentAt,
      Errors errors) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger created = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    for (int w = 0; w < writers; w++) {
      pool.execute(() -> {
        while (next.getAndIncrement() < pods) {
          int index = bench.nextPod();
          sentAt.put(bench.pods.name(index), System.nanoTime());
          if (bench.createPod(index, errors)) {
            created.incrementAndGet();
          }
        }
      });
    }
    pool.shutdown();
    if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
      pool.shutdownNow();
      errors.add("writers stuck", "writers did not finish in 10 minutes");
    }
    return created.get();
  }
}
