package io.logplane.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open loop: pods are created at a fixed rate whatever the server does, and each latency
 * counts from the request's scheduled send time. A closed loop would wait for a slow
 * answer before sending the next request and so never record the requests that should
 * have been sent meanwhile (coordinated omission); here they wait in line, and that wait
 * is part of their latency.
 */
final class RateCreate {
  private RateCreate() {}

  /**
   * @param maxInFlight bound on outstanding requests, so a stalled server does not pile
   *     up unbounded work on the client (or exceed HTTP/2's concurrent stream limit)
   */
  static Result run(BenchRun bench, double perSecond, Duration duration, int maxInFlight,
      Duration requestTimeout) throws InterruptedException {
    int total = (int) Math.round(perSecond * duration.toNanos() / 1e9);
    long interval = (long) (1e9 / perSecond);
    Latencies latencies = new Latencies();
    Errors errors = new Errors();
    Semaphore inFlight = new Semaphore(maxInFlight);
    CountDownLatch done = new CountDownLatch(total);
    AtomicLong lastDone = new AtomicLong();
    long start = System.nanoTime() + Duration.ofMillis(20).toNanos();
    for (int i = 0; i < total; i++) {
      long scheduled = start + i * interval;
      for (long wait = scheduled - System.nanoTime(); wait > 0;
           wait = scheduled - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      inFlight.acquire();
      bench.createPodAsync(bench.nextPod()).onComplete(answer -> {
        long now = System.nanoTime();
        if (answer.failed()) {
          errors.failure(answer.cause());
        } else if (!answer.result().ok()) {
          errors.http(answer.result().status(), answer.result().body());
        } else {
          latencies.record(now - scheduled);
        }
        lastDone.accumulateAndGet(now, Math::max);
        inFlight.release();
        done.countDown();
      });
    }
    long waitNanos = requestTimeout.toNanos() + Duration.ofSeconds(5).toNanos();
    if (!done.await(waitNanos, TimeUnit.NANOSECONDS)) {
      errors.add("unfinished", done.getCount() + " requests had no answer in time");
    }
    double seconds = (Math.max(lastDone.get(), start) - start) / 1e9;
    int ok = latencies.count();
    String note = String.format(Locale.ROOT, "target %.0f/s for %ss, %d sent", perSecond,
        duration.toMillis() / 1000.0, total);
    return Result.of(String.format(Locale.ROOT, "create rate=%.0f/s", perSecond), ok, errors,
        seconds > 0 ? ok / seconds : Double.NaN, latencies.stats(), note);
  }
}
