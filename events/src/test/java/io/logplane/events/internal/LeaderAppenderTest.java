package io.logplane.events.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

/** The appender's own logic over a leader that is a function: batches, offsets, failures. */
class LeaderAppenderTest {

  private static LeaderAppender.Pending pending(int i, CompletableFuture<Long> done) {
    return new LeaderAppender.Pending(null, ("r" + i).getBytes(), (offset, error) -> {
      if (error == null) {
        done.complete(offset);
      } else {
        done.completeExceptionally(error);
      }
    });
  }

  /** Each record gets its batch's first offset plus its place in the batch, in the order queued. */
  @Test
  void recordsGetTheirOffsetsInOrder() throws Exception {
    AtomicLong end = new AtomicLong(100);
    List<Integer> sizes = new ArrayList<>();
    try (LeaderAppender appender = new LeaderAppender("test-append", records -> {
      sizes.add(records.size());
      return CompletableFuture.completedFuture(end.getAndAdd(records.size()));
    }, p -> { throw new AssertionError("never elsewhere"); }, 5_000)) {
      List<CompletableFuture<Long>> offsets = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        CompletableFuture<Long> f = new CompletableFuture<>();
        offsets.add(f);
        appender.append(pending(i, f));
      }
      for (int i = 0; i < 500; i++) {
        assertEquals(100 + i, offsets.get(i).get(10, TimeUnit.SECONDS));
      }
      assertEquals(500, sizes.stream().mapToInt(Integer::intValue).sum(), "batches: " + sizes);
      assertTrue(appender.inProcess());
    }
  }

  /**
   * A leader that fails a batch fails its records with its error; one that throws (a broker that
   * is stopping) fails them too; the appender goes on with the next.
   */
  @Test
  void aFailedBatchFailsItsRecordsOnly() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (LeaderAppender appender = new LeaderAppender("test-append", records -> {
      int n = calls.incrementAndGet();
      if (n == 1) {
        return CompletableFuture.failedFuture(new RecordTooLargeException("too large"));
      }
      if (n == 2) {
        throw new IllegalStateException("stopping");
      }
      return CompletableFuture.completedFuture(7L);
    }, p -> { throw new AssertionError("never elsewhere"); }, 5_000)) {
      for (Class<?> expected : List.of(RecordTooLargeException.class, IllegalStateException.class)) {
        CompletableFuture<Long> f = new CompletableFuture<>();
        appender.append(pending(0, f));
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
            () -> f.get(10, TimeUnit.SECONDS));
        assertInstanceOf(expected, e.getCause());
      }
      CompletableFuture<Long> next = new CompletableFuture<>();
      appender.append(pending(1, next));
      assertEquals(7L, next.get(10, TimeUnit.SECONDS));
    }
  }

  /** Records queued when the appender closes fail: none of them was appended. */
  @Test
  void closingFailsWhatIsStillQueued() throws Exception {
    CompletableFuture<Long> never = new CompletableFuture<>();
    CompletableFuture<Long> held = new CompletableFuture<>();
    LeaderAppender appender = new LeaderAppender("test-append", records -> never, p -> { }, 200);
    appender.append(pending(0, held));
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> held.get(10, TimeUnit.SECONDS));
    assertInstanceOf(java.util.concurrent.TimeoutException.class, e.getCause(), "the leader never answered");
    appender.close();
    CompletableFuture<Long> late = new CompletableFuture<>();
    appender.append(pending(1, late));
    e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> late.get(10, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, e.getCause());
  }

  /**
   * Closing when appended (the changelog's close, as a producer's sends what it holds) appends
   * every record queued before it, behind a slow leader, and fails only what comes after.
   */
  @Test
  void closingWhenAppendedAppendsWhatIsQueuedFirst() throws Exception {
    AtomicLong end = new AtomicLong();
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    LeaderAppender appender = new LeaderAppender("test-append", records -> CompletableFuture.supplyAsync(() -> {
      entered.countDown();
      try {
        release.await(10, TimeUnit.SECONDS); // the first batch is held while the rest queue up
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return end.getAndAdd(records.size());
    }), p -> { throw new AssertionError("never elsewhere"); }, 5_000);
    List<CompletableFuture<Long>> offsets = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      CompletableFuture<Long> f = new CompletableFuture<>();
      offsets.add(f);
      appender.append(pending(i, f));
      if (i == 0) {
        assertTrue(entered.await(10, TimeUnit.SECONDS), "the first record's batch reached the leader");
      }
    }
    CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> appender.closeWhenAppended(10_000));
    release.countDown();
    closed.get(20, TimeUnit.SECONDS);
    for (int i = 0; i < 50; i++) {
      assertEquals(i, offsets.get(i).getNow(-1L), "appended before the close returned");
    }
    CompletableFuture<Long> late = new CompletableFuture<>();
    appender.append(pending(50, late));
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> late.get(10, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, e.getCause());
  }
}
