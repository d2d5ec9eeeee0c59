package io.logplane.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The queue's rules, on a clock the test moves: dedup, one key in flight, backoff, requeue-after. */
class WorkQueueTest {

  private final FakeClock clock = new FakeClock();
  private final WorkQueue queue = new WorkQueue(Duration.ofMillis(50), Duration.ofMillis(300), clock);

  @Test
  void aKeyQueuedTwiceIsHandedOutOnce() {
    queue.add("a");
    queue.add("b");
    queue.add("a");
    assertEquals(2, queue.size());
    assertEquals("a", queue.poll());
    assertEquals("b", queue.poll());
    assertNull(queue.poll());
  }

  @Test
  void aKeyAddedWhileInFlightIsHandedOutAgainOnlyAfterItIsDone() {
    queue.add("a");
    assertEquals("a", queue.poll());
    queue.add("a");
    queue.add("a");
    assertNull(queue.poll(), "a key in flight is not handed out a second time");
    queue.done("a");
    assertEquals("a", queue.poll());
    queue.done("a");
    assertNull(queue.poll(), "added twice while in flight, processed once after");
  }

  @Test
  void failuresBackOffExponentiallyUpToTheMaximum() {
    long[] expectedMillis = {50, 100, 200, 300, 300};
    queue.add("a");
    for (long millis : expectedMillis) {
      assertEquals("a", queue.poll());
      queue.retry("a");
      queue.done("a");
      clock.advance(Duration.ofMillis(millis - 1));
      assertNull(queue.poll(), "due after " + millis + " ms, not before");
      clock.advance(Duration.ofMillis(1));
    }
    assertEquals("a", queue.poll());
  }

  @Test
  void forgetResetsTheBackoff() {
    queue.add("a");
    for (int i = 0; i < 3; i++) {
      assertEquals("a", queue.poll());
      queue.retry("a");
      queue.done("a");
      clock.advance(Duration.ofSeconds(1));
    }
    assertEquals("a", queue.poll());
    queue.forget("a");
    queue.retry("a");
    queue.done("a");
    clock.advance(Duration.ofMillis(49));
    assertNull(queue.poll());
    clock.advance(Duration.ofMillis(1));
    assertEquals("a", queue.poll(), "after forget, the first failure waits the base delay again");
  }

  @Test
  void aKeyAddedAfterADelayIsDueThenAndOthersPassIt() {
    queue.addAfter("a", Duration.ofSeconds(2));
    queue.add("b");
    assertEquals("b", queue.poll());
    clock.advance(Duration.ofMillis(1999));
    assertNull(queue.poll());
    clock.advance(Duration.ofMillis(1));
    assertEquals("a", queue.poll());
  }

  @Test
  void retriesOfAllKeysTogetherAreHeldToTenASecondAfterABurstOfAHundred() {
    for (int i = 0; i < 100; i++) {
      queue.retry("k" + i);
    }
    queue.retry("late");
    clock.advance(Duration.ofMillis(50));
    int due = 0;
    while (queue.poll() != null) {
      due++;
    }
    assertEquals(100, due, "the burst goes after its own backoff; the 101st waits for a token");
    clock.advance(Duration.ofMillis(49));
    assertNull(queue.poll());
    clock.advance(Duration.ofMillis(1));
    assertEquals("late", queue.poll());
  }

  @Test
  void anEventForAKeyWaitingToBeDueLaterMakesItDueNow() {
    queue.addAfter("a", Duration.ofMinutes(10));
    assertNull(queue.poll());
    queue.add("a");
    assertEquals("a", queue.poll(), "a change to the object is not held back by an earlier requeue-after");
    queue.done("a");
    assertNull(queue.poll());
  }

  @Test
  void anEventDuringAPassIsNotHeldBackByThePassAskingForALaterLook() {
    queue.add("a");
    assertEquals("a", queue.poll());
    queue.add("a");
    queue.forget("a");
    queue.addAfter("a", Duration.ofMinutes(10));
    queue.done("a");
    assertEquals("a", queue.poll(), "the change that came during the pass is looked at now");
    queue.done("a");
    clock.advance(Duration.ofMinutes(10));
    assertNull(queue.poll(), "that look answered the earlier ask too; its own pass asks again if it must");
  }

  @Test
  void anEventDuringAFailingPassIsLookedAtWithoutTheBackoff() {
    queue.add("a");
    assertEquals("a", queue.poll());
    queue.add("a");
    queue.retry("a");
    queue.done("a");
    assertEquals("a", queue.poll());
  }

  @Test
  void aLaterAskDoesNotPostponeASoonerOneButASoonerAskBringsItForward() {
    queue.addAfter("a", Duration.ofSeconds(1));
    queue.addAfter("a", Duration.ofSeconds(5));
    clock.advance(Duration.ofSeconds(1));
    assertEquals("a", queue.poll());
    queue.done("a");
    queue.addAfter("b", Duration.ofSeconds(5));
    queue.addAfter("b", Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    assertEquals("b", queue.poll());
  }

  @Test
  void pushBackHoldsAKeyOffEvenWhenItWasDueNow() {
    queue.add("a");
    assertEquals("a", queue.poll());
    queue.add("a");
    queue.holdOff("a", Duration.ofSeconds(1));
    queue.done("a");
    assertNull(queue.poll(), "the write path asked for a second");
    clock.advance(Duration.ofSeconds(1));
    assertEquals("a", queue.poll());
  }
}
