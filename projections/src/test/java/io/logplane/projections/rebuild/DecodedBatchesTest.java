package io.logplane.projections.rebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.events.Codec;
import io.logplane.events.LogEntry;
import io.logplane.events.Command;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The decoded-batch publisher over an in-memory log: order, start offset, demand, cancel, errors. */
class DecodedBatchesTest {

  private final ExecutorService decoders = Executors.newFixedThreadPool(3);

  @AfterEach
  void stop() {
    decoders.shutdownNow();
  }

  /**
   * A log of {@code size} records, the one at offset i with request id "r" + i; 7 per poll. Each
   * poll checks what has been read against a limit, when it is made: reading too far is seen
   * whenever it happens.
   */
  private static final class MemorySource implements RawSource {
    final List<byte[]> log;
    final AtomicLong read = new AtomicLong();
    final CountDownLatch closed = new CountDownLatch(1);
    final LongSupplier limit;
    final AtomicReference<String> overread = new AtomicReference<>();
    long next;

    MemorySource(List<byte[]> log, long from, LongSupplier limit) {
      this.log = log;
      this.next = from;
      this.limit = limit;
    }

    @Override
    public List<Raw> poll() {
      List<Raw> out = new ArrayList<>();
      while (out.size() < 7 && next < log.size()) {
        out.add(new Raw(next, log.get((int) next)));
        next++;
      }
      long total = read.addAndGet(out.size());
      if (total > limit.getAsLong()) {
        overread.compareAndSet(null, "read " + total + " records, more than " + limit.getAsLong());
      }
      return out;
    }

    @Override
    public void close() {
      closed.countDown();
    }
  }

  private static List<byte[]> log(int size) {
    List<byte[]> log = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      log.add(Codec.encode(new Command.Genesis(new Command.Meta("test", "r" + i, i), "c")));
    }
    return log;
  }

  private MemorySource source;

  private DecodedBatches batches(List<byte[]> log, long from, long to, int chunk, int window) {
    return batches(log, from, to, chunk, window, () -> Long.MAX_VALUE);
  }

  private DecodedBatches batches(List<byte[]> log, long from, long to, int chunk, int window, LongSupplier limit) {
    return new DecodedBatches(() -> source = new MemorySource(log, from, limit), from, to, decoders, chunk, window);
  }

  private static List<Long> offsets(List<List<LogEntry>> batches) {
    List<Long> out = new ArrayList<>();
    for (List<LogEntry> b : batches) {
      for (LogEntry e : b) {
        assertEquals("r" + e.offset(), e.command().meta().requestId());
        out.add(e.offset());
      }
    }
    return out;
  }

  @Test
  void emitsEveryRecordFromTheStartOffsetToTheTargetInOrderThenCompletes() {
    List<List<LogEntry>> got = Flux.from(batches(log(100), 5, 64, 4, 3)).collectList().block(Duration.ofSeconds(10));
    List<Long> expected = new ArrayList<>();
    for (long o = 5; o <= 64; o++) {
      expected.add(o);
    }
    assertEquals(expected, offsets(got));
    assertTrue(got.stream().allMatch(b -> !b.isEmpty() && b.size() <= 4));
  }

  @Test
  void aTargetBeforeTheStartCompletesAtOnce() {
    StepVerifier.create(batches(log(10), 5, 4, 4, 2)).expectComplete().verify(Duration.ofSeconds(5));
  }

  /*
   * Neither bound below is checked after a quiet while, which a slow machine would pass: a batch
   * beyond the demand fails StepVerifier's own check when it comes, and each poll checks the
   * records read so far against the batches delivered, on the thread that does both. The stream
   * runs to its end, so every poll is checked.
   */
  @Test
  void honoursDemandAndDecodesNoFurtherThanItsWindow() {
    AtomicLong delivered = new AtomicLong();
    // Before a poll: the chunks delivered and fewer than the window's ahead; then one poll's 7.
    DecodedBatches pub = batches(log(200), 0, 199, 5, 2, () -> (delivered.get() + 2 - 1) * 5 + 7);
    AtomicLong next = new AtomicLong();
    java.util.function.Predicate<List<LogEntry>> contiguous = b -> {
      assertEquals(next.get(), b.get(0).offset());
      next.set(b.get(b.size() - 1).offset() + 1);
      delivered.incrementAndGet();
      return true;
    };
    StepVerifier.create(pub, 0)
        .expectSubscription()
        .thenRequest(1)
        .expectNextMatches(contiguous)
        .thenRequest(2)
        .expectNextMatches(contiguous)
        .expectNextMatches(contiguous)
        .thenRequest(1000)
        .thenConsumeWhile(contiguous)
        .expectComplete()
        .verify(Duration.ofSeconds(10));
    assertEquals(200, next.get());
    assertNull(source.overread.get(), source.overread.get());
  }

  @Test
  void cancelStopsReadingAndClosesTheSource() throws Exception {
    StepVerifier.create(batches(log(1000), 0, 999, 5, 2), 1)
        .expectNextCount(1)
        .thenCancel()
        .verify(Duration.ofSeconds(5));
    assertTrue(source.closed.await(5, TimeUnit.SECONDS));
    long read = source.read.get();
    assertTrue(read < 1000, "read " + read);
  }

  @Test
  void anUndecodableRecordFailsTheStreamNamingItsOffset() {
    List<byte[]> log = log(20);
    log.set(12, "{\"op\":\"nonsense\"}".getBytes(StandardCharsets.UTF_8));
    StepVerifier.create(batches(log, 0, 19, 5, 2))
        .thenConsumeWhile(b -> b.get(b.size() - 1).offset() < 12)
        .expectErrorSatisfies(e -> assertTrue(e.getMessage().contains("offset 12"), e.getMessage()))
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void nonPositiveRequestIsAnError() throws Exception {
    java.util.concurrent.CompletableFuture<Throwable> error = new java.util.concurrent.CompletableFuture<>();
    batches(log(20), 0, 19, 5, 2).subscribe(new org.reactivestreams.Subscriber<>() {
      @Override
      public void onSubscribe(org.reactivestreams.Subscription s) {
        s.request(0); // rule 3.9
      }

      @Override
      public void onNext(List<LogEntry> batch) {
        error.completeExceptionally(new AssertionError("no demand, yet onNext"));
      }

      @Override
      public void onError(Throwable t) {
        error.complete(t);
      }

      @Override
      public void onComplete() {
        error.completeExceptionally(new AssertionError("completed"));
      }
    });
    assertTrue(error.get(5, TimeUnit.SECONDS) instanceof IllegalArgumentException);
  }
}
