package io.logplane.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.broker.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints append latency, append-to-read latency and append throughput with 16 concurrent
 * appenders against an in-process broker. A measurement to run by hand, not a test:
 * {@code java -cp <test classpath> io.logplane.events.LogBench [records]}.
 */
public final class LogBench {

  private LogBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    Path dir = Files.createTempDirectory("logbench");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0);
        EventLog log = KafkaEventLog.open(kafka.bootstrap(), "bench", 1)) {
      concurrent(log, 16, n); // warm-up
      latency(log, n / 4);
      concurrent(log, 16, n);
      pipelined(log, n * 2);
    }
  }

  private static Command record(int i) {
    Command.Create c = (Command.Create) Records.number(1);
    ObjectNode o = c.object().deepCopy();
    ((ObjectNode) o.get("data")).put("payload", "x".repeat(900)).put("i", i);
    return new Command.Create(c.meta(), c.key(), o);
  }

  /** One append at a time; a reader thread notes when each offset arrives. */
  private static void latency(EventLog log, int n) throws Exception {
    long start = log.endOffset().get();
    long[] ack = new long[n];
    long[] read = new long[n];
    long[] seen = new long[n];
    AtomicLong readUpTo = new AtomicLong(start - 1);
    Thread reader = new Thread(() -> {
      try (EventLog.Reader r = log.reader(start)) {
        while (readUpTo.get() < start + n - 1) {
          for (LogEntry e : r.poll(Duration.ofMillis(100))) {
            seen[(int) (e.offset() - start)] = System.nanoTime();
            readUpTo.set(e.offset());
          }
        }
      }
    });
    reader.start();
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      long offset = log.append(record(i)).get();
      ack[i] = System.nanoTime() - t0;
      while (readUpTo.get() < offset) {
        Thread.onSpinWait();
      }
      read[i] = seen[(int) (offset - start)] - t0;
    }
    reader.join();
    System.out.printf("append->ack   p50 %.2f ms  p99 %.2f ms%n", pct(ack, 50), pct(ack, 99));
    System.out.printf("append->read  p50 %.2f ms  p99 %.2f ms%n", pct(read, 50), pct(read, 99));
    long t0 = System.nanoTime();
    for (int i = 0; i < 2000; i++) {
      log.endOffset().get();
    }
    System.out.printf("endOffset     mean %.3f ms (sequential)%n", (System.nanoTime() - t0) / 2000 / 1e6);
  }

  /** {@code threads} appenders, each waiting for its ack before the next append. */
  private static void concurrent(EventLog log, int threads, int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long[] lat = new long[n];
    AtomicLong next = new AtomicLong();
    long t0 = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      pool.execute(() -> {
        for (int i; (i = (int) next.getAndIncrement()) < n; ) {
          long s = System.nanoTime();
          log.append(record(i)).join();
          lat[i] = System.nanoTime() - s;
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf("%d appenders: %.0f records/s, ack p50 %.2f ms p99 %.2f ms%n",
        threads, n / secs, pct(lat, 50), pct(lat, 99));
  }

  /** One thread, no waiting: the producer's own batching limit. */
  private static void pipelined(EventLog log, int n) throws Exception {
    long t0 = System.nanoTime();
    CompletableFuture<?>[] all = new CompletableFuture<?>[n];
    for (int i = 0; i < n; i++) {
      all[i] = log.append(record(i));
    }
    CompletableFuture.allOf(all).get();
    System.out.printf("pipelined: %.0f records/s%n", n / ((System.nanoTime() - t0) / 1e9));
  }

  private static double pct(long[] nanos, int p) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, s.length * p / 100)] / 1e6;
  }
}
