package io.logplane.events.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoalescerTest {

  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  /** Each query takes one permit and tells it started; the test releases them one by one. */
  private final Semaphore release = new Semaphore(0);
  private final Semaphore started = new Semaphore(0);
  private final AtomicLong queries = new AtomicLong();

  private final Coalescer<Long> coalescer =
      new Coalescer<>(
          () -> {
            long n = queries.incrementAndGet();
            started.release();
            release.acquire();
            return n;
          },
          executor);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void callersArrivingDuringAQueryShareTheNextOne() throws Exception {
    CompletableFuture<Long> first = coalescer.get();
    assertTrue(started.tryAcquire(5, TimeUnit.SECONDS));
    List<CompletableFuture<Long>> late = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      late.add(coalescer.get());
    }
    for (CompletableFuture<Long> f : late) {
      assertSame(late.get(0), f);
    }
    assertFalse(late.get(0).isDone());
    release.release();
    assertEquals(1L, first.get(5, TimeUnit.SECONDS));
    // The late callers must not get the answer of the query already in flight when they came.
    assertTrue(started.tryAcquire(5, TimeUnit.SECONDS));
    assertFalse(late.get(0).isDone());
    release.release();
    assertEquals(2L, late.get(0).get(5, TimeUnit.SECONDS));
    assertEquals(2, queries.get());
  }

  @Test
  void aCallerAfterTheQueryEndedStartsANewOne() throws Exception {
    release.release(2);
    assertEquals(1L, coalescer.get().get(5, TimeUnit.SECONDS));
    assertEquals(2L, coalescer.get().get(5, TimeUnit.SECONDS));
  }

  @Test
  void failuresReachTheirCallersAndDoNotStick() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    AtomicLong calls = new AtomicLong();
    Coalescer<Long> flaky =
        new Coalescer<>(
            () -> {
              go.await();
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("broker away");
              }
              return 7L;
            },
            executor);
    CompletableFuture<Long> a = flaky.get();
    CompletableFuture<Long> b = flaky.get();
    go.countDown();
    ExecutionException e = assertThrows(ExecutionException.class, () -> a.get(5, TimeUnit.SECONDS));
    assertEquals("broker away", e.getCause().getMessage());
    assertEquals(7L, b.get(5, TimeUnit.SECONDS));
  }

  @Test
  void failsWhenTheExecutorIsShutDown() {
    executor.shutdown();
    CompletableFuture<Long> f = coalescer.get();
    assertTrue(f.isCompletedExceptionally());
    assertTrue(coalescer.get().isCompletedExceptionally(), "not stuck in running state");
  }
}
