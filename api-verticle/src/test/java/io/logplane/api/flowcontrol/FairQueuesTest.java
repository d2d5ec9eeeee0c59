package io.logplane.api.flowcontrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FairQueuesTest {

  /** Timers run by hand: {@link #advance} runs what falls due. */
  static final class FakeTimers implements FairQueues.Timers {
    private final List<long[]> due = new ArrayList<>();
    private final List<Runnable> tasks = new ArrayList<>();
    private long now;

    @Override
    public Runnable schedule(long delayMillis, Runnable task) {
      long[] entry = {now + delayMillis, 0};
      due.add(entry);
      tasks.add(task);
      return () -> entry[1] = 1;
    }

    void advance(long millis) {
      now += millis;
      for (int i = 0; i < due.size(); i++) {
        long[] entry = due.get(i);
        if (entry[1] == 0 && entry[0] <= now) {
          entry[1] = 1;
          tasks.get(i).run();
        }
      }
    }

    int pending() {
      return (int) due.stream().filter(e -> e[1] == 0).count();
    }
  }

  /** Records the one outcome: "seated" or the reason's text; null while undecided. */
  static final class Outcome implements FairQueues.Callbacks {
    String result;
    private String label = "";
    private List<String> order;

    Outcome() {}

    Outcome(String label, List<String> order) {
      this.label = label;
      this.order = order;
    }

    @Override
    public void seated() {
      decide("seated");
      if (order != null) {
        order.add(label);
      }
    }

    @Override
    public void rejected(FairQueues.Reason reason) {
      decide(reason.text());
    }

    private void decide(String r) {
      assertNull(result, "decided twice");
      result = r;
    }
  }

  private final FakeTimers timers = new FakeTimers();

  private FairQueues queues(int limit, int queueCount, int handSize, int queueLength) {
    return new FairQueues("test", limit, queueCount, handSize, queueLength, 15_000, timers);
  }

  @Test
  void seatsThenQueuesThenRejects() {
    FairQueues q = queues(2, 1, 1, 3);
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Outcome o = new Outcome();
      q.admit("flow", o);
      outcomes.add(o);
    }
    assertEquals("seated", outcomes.get(0).result);
    assertEquals("seated", outcomes.get(1).result);
    assertNull(outcomes.get(2).result);
    assertNull(outcomes.get(4).result);
    assertEquals("queue full", outcomes.get(5).result);
    assertEquals(2, q.executing());
    assertEquals(3, q.waiting());
  }

  @Test
  void rejectTypeRejectsWhenSeatsAreTaken() {
    PriorityLevels levels = new PriorityLevels(List.of(FlowSchemaMatcherTest.limited("catch-all", 5, false)), 1);
    FairQueues q = FairQueues.of(levels.level("catch-all"), 15_000, timers);
    Outcome first = new Outcome();
    Outcome second = new Outcome();
    FairQueues.Ticket ticket = q.admit("a", first);
    q.admit("b", second);
    assertEquals("seated", first.result);
    assertEquals("concurrency limit", second.result);
    ticket.release();
    Outcome third = new Outcome();
    q.admit("c", third);
    assertEquals("seated", third.result);
  }

  @Test
  void releaseSeatsTheNextAndCancelsItsTimer() {
    FairQueues q = queues(1, 4, 2, 10);
    Outcome first = new Outcome();
    Outcome second = new Outcome();
    FairQueues.Ticket t1 = q.admit("a", first);
    FairQueues.Ticket t2 = q.admit("b", second);
    assertTrue(t2.waiting());
    assertEquals(1, timers.pending());
    t1.release();
    assertEquals("seated", second.result);
    assertTrue(t2.seated());
    assertEquals(0, timers.pending());
    assertEquals(1, q.executing());
    assertEquals(0, q.waiting());
    t2.release();
    assertTrue(q.idle());
  }

  @Test
  void flowsInDifferentQueuesTakeTurns() {
    String a = "flow-0";
    String b = null;
    for (int i = 1; b == null; i++) {
      if (FairQueues.deal(FairQueues.hash("flow-" + i), 8, 1)[0] != FairQueues.deal(FairQueues.hash(a), 8, 1)[0]) {
        b = "flow-" + i;
      }
    }
    FairQueues q = queues(1, 8, 1, 50);
    FairQueues.Ticket blocker = q.admit("blocker", new Outcome());
    List<String> order = new ArrayList<>();
    List<FairQueues.Ticket> tickets = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      tickets.add(q.admit(a, new Outcome("a", order)));
    }
    for (int i = 0; i < 5; i++) {
      tickets.add(q.admit(b, new Outcome("b", order)));
    }
    blocker.release();
    for (int i = 0; i < 10; i++) {
      FairQueues.Ticket seated = tickets.stream().filter(FairQueues.Ticket::seated).findFirst().orElseThrow();
      seated.release();
    }
    assertEquals(10, order.size());
    for (int i = 1; i < order.size(); i++) {
      assertNotEquals(order.get(i - 1), order.get(i), "turns alternate: " + order);
    }
    assertTrue(q.idle());
  }

  @Test
  void waitingTooLongIsRejected() {
    FairQueues q = queues(1, 1, 1, 10);
    FairQueues.Ticket t1 = q.admit("a", new Outcome());
    Outcome late = new Outcome();
    FairQueues.Ticket t2 = q.admit("a", late);
    timers.advance(14_999);
    assertNull(late.result);
    timers.advance(1);
    assertEquals("time out", late.result);
    assertEquals(0, q.waiting());
    t2.release();
    t1.release();
    assertTrue(q.idle());
  }

  @Test
  void releaseIsIdempotent() {
    FairQueues q = queues(1, 1, 1, 10);
    FairQueues.Ticket t1 = q.admit("a", new Outcome());
    Outcome second = new Outcome();
    Outcome third = new Outcome();
    q.admit("a", second);
    q.admit("a", third);
    t1.release();
    t1.release();
    assertEquals("seated", second.result);
    assertNull(third.result);
    assertEquals(1, q.executing());
    assertEquals(1, q.waiting());
  }

  @Test
  void releasingAWaitingRequestWithdrawsIt() {
    FairQueues q = queues(1, 1, 1, 10);
    FairQueues.Ticket t1 = q.admit("a", new Outcome());
    Outcome gone = new Outcome();
    Outcome next = new Outcome();
    FairQueues.Ticket t2 = q.admit("a", gone);
    q.admit("a", next);
    t2.release();
    assertNull(gone.result);
    assertEquals(1, q.waiting());
    assertEquals(1, timers.pending());
    t1.release();
    assertEquals("seated", next.result);
    assertNull(gone.result);
  }

  @Test
  void aFlowSpreadsOverItsHand() {
    FairQueues q = queues(1, 64, 6, 1);
    q.admit("blocker", new Outcome());
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Outcome o = new Outcome();
      q.admit("global-default\0alice", o);
      outcomes.add(o);
    }
    for (int i = 0; i < 6; i++) {
      assertNull(outcomes.get(i).result, "one per queue of the hand");
    }
    assertEquals("queue full", outcomes.get(6).result);
    assertEquals(6, q.waiting());
  }

  @Test
  void shuffleShardingAsKube() {
    assertEquals(-802137901154568521L, FairQueues.hash("global-default\0alice"));
    assertEquals(List.of(55, 56, 51, 36, 11, 5), toList(FairQueues.deal(-802137901154568521L, 64, 6)));
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      int[] hand = FairQueues.deal(random.nextLong(), 128, 8);
      Set<Integer> distinct = new HashSet<>(toList(hand));
      assertEquals(8, distinct.size());
      assertTrue(distinct.stream().allMatch(c -> c >= 0 && c < 128));
    }
  }

  @Test
  void exemptSeatsEverything() {
    PriorityLevels levels = new PriorityLevels(List.of(FlowSchemaMatcherTest.exemptLevel()));
    FairQueues q = FairQueues.of(levels.level("exempt"), 15_000, timers);
    for (int i = 0; i < 1000; i++) {
      Outcome o = new Outcome();
      q.admit("x", o);
      assertEquals("seated", o.result);
    }
    assertEquals(1000, q.executing());
    assertFalse(q.idle());
  }

  private static List<Integer> toList(int[] values) {
    List<Integer> out = new ArrayList<>();
    for (int v : values) {
      out.add(v);
    }
    return out;
  }
}
