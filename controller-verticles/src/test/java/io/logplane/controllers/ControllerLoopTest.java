package io.logplane.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.projections.TooManyRequests;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The loop's steps driven one by one on a clock the test moves: what a reconcile answers (or
 * throws) decides when the key comes back, and a key is never reconciled twice at once.
 */
class ControllerLoopTest {

  private final FakeClock clock = new FakeClock();

  @Test
  void aKeyAskedToBeRequeuedComesBackAfterTheDelay() throws Exception {
    Scripted r = new Scripted(Reconciler.Result.after(Duration.ofSeconds(2)), Reconciler.Result.DONE);
    ControllerLoop loop = new ControllerLoop("test", r, clock);
    loop.add("a");
    assertTrue(loop.step());
    assertFalse(loop.step());
    clock.advance(Duration.ofMillis(1999));
    assertFalse(loop.step());
    clock.advance(Duration.ofMillis(1));
    assertTrue(loop.step());
    assertFalse(loop.step());
    assertEquals(List.of("a", "a"), r.calls);
  }

  @Test
  void theInformersSettleBeforeEachReconcile() throws Exception {
    List<String> seen = new ArrayList<>();
    ControllerLoop loop = new ControllerLoop("test", key -> {
      seen.add("reconcile " + key);
      return Reconciler.Result.DONE;
    }, clock, () -> seen.add("settle"));
    loop.add("a");
    loop.add("b");
    assertTrue(loop.step());
    assertTrue(loop.step());
    assertFalse(loop.step());
    assertEquals(List.of("settle", "reconcile a", "settle", "reconcile b"), seen);
  }

  @Test
  void aFailedReconcileIsRetriedWithGrowingBackoffThatSuccessResets() throws Exception {
    Exception boom = new IllegalStateException("boom");
    Scripted r = new Scripted(boom, boom, Reconciler.Result.DONE, boom, Reconciler.Result.DONE);
    ControllerLoop loop = new ControllerLoop("test", r, clock);
    loop.add("a");
    assertTrue(loop.step());
    assertDueAfter(loop, ControllerLoop.BASE_BACKOFF);
    assertDueAfter(loop, ControllerLoop.BASE_BACKOFF.multipliedBy(2));
    assertFalse(loop.step(), "converged: nothing due");
    loop.add("a");
    assertTrue(loop.step());
    assertDueAfter(loop, ControllerLoop.BASE_BACKOFF);
    assertEquals(5, r.calls.size());
  }

  @Test
  void pushBackRequeuesAfterItsHintWithoutCountingAsAFailure() throws Exception {
    Exception boom = new IllegalStateException("boom");
    Scripted r = new Scripted(boom, new TooManyRequests(20_001, 10_000, Duration.ofSeconds(3)), boom,
        Reconciler.Result.DONE);
    ControllerLoop loop = new ControllerLoop("test", r, clock);
    loop.add("a");
    assertTrue(loop.step());
    assertDueAfter(loop, ControllerLoop.BASE_BACKOFF);
    assertDueAfter(loop, Duration.ofSeconds(3));
    // the failure after the push-back is the second: twice the base delay
    assertDueAfter(loop, ControllerLoop.BASE_BACKOFF.multipliedBy(2));
    assertEquals(4, r.calls.size());
  }

  @Test
  void aKeyInFlightIsNotReconciledAgainUntilItsReconcileReturns() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Set<String> active = ConcurrentHashMap.newKeySet();
    AtomicInteger overlaps = new AtomicInteger();
    List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    ControllerLoop loop = new ControllerLoop("test", key -> {
      calls.add(key);
      if (!active.add(key)) {
        overlaps.incrementAndGet();
      }
      if (key.equals("a") && calls.size() == 1) {
        entered.countDown();
        release.await();
      }
      active.remove(key);
      return Reconciler.Result.DONE;
    }, clock);
    loop.add("a");
    Thread first = new Thread(() -> {
      try {
        loop.step();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    first.start();
    assertTrue(entered.await(30, TimeUnit.SECONDS));
    loop.add("a"); // an event for the key while it is reconciled
    loop.add("b");
    assertTrue(loop.step(), "another key goes on");
    assertFalse(loop.step(), "the key in flight is not handed out again");
    release.countDown();
    first.join();
    assertTrue(loop.step(), "the event that came meanwhile is reconciled after");
    assertFalse(loop.step());
    assertEquals(List.of("a", "b", "a"), calls);
    assertEquals(0, overlaps.get(), "a key was reconciled twice at once");
  }

  /** The key is not due a moment before the delay, and is reconciled once it has passed. */
  private void assertDueAfter(ControllerLoop loop, Duration delay) throws Exception {
    clock.advance(delay.minusNanos(1));
    assertFalse(loop.step(), "due after " + delay + ", not before");
    clock.advance(Duration.ofNanos(1));
    assertTrue(loop.step(), "due after " + delay);
  }

  /** A reconciler answering from a script, one answer (a result or an exception) per call. */
  private static final class Scripted implements Reconciler {
    private final Deque<Object> answers;
    final List<String> calls = new ArrayList<>();

    Scripted(Object... answers) {
      this.answers = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public Result reconcile(String key) throws Exception {
      calls.add(key);
      Object next = answers.removeFirst();
      if (next instanceof Exception e) {
        throw e;
      }
      return (Result) next;
    }
  }
}
