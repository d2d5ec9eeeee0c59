package io.logplane.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchedulingQueueTest {

  final AtomicLong clock = new AtomicLong(0);
  final SchedulingQueue queue = new SchedulingQueue(clock::get);

  static PodInfo pod(String name, int priority) {
    return Fixtures.pod(name, "{'spec':{'priority':" + priority + "}}");
  }

  @ParameterizedTest
  @CsvSource({"1, 1000", "2, 2000", "3, 4000", "4, 8000", "5, 10000", "9, 10000"})
  void backoffDoublesFromOneSecondToTen(int attempts, long millis) {
    assertEquals(millis, SchedulingQueue.backoff(attempts));
  }

  @Test
  void priorityThenTimeOfArrival() {
    queue.add(pod("a", 0));
    clock.incrementAndGet();
    queue.add(pod("b", 10));
    clock.incrementAndGet();
    queue.add(pod("c", 0));
    queue.add(pod("d", 10));
    assertEquals("b d a c", names(4));
  }

  @Test
  void anUnschedulablePodWaitsForAChangeOrAMinute() {
    queue.add(pod("a", 0));
    queue.failed(queue.pop(), true);
    clock.addAndGet(59_999);
    assertNull(queue.pop());
    clock.incrementAndGet();
    assertEquals("a", queue.pop().info().name);
  }

  @Test
  void aChangeMovesItToBackoffThenActive() {
    queue.add(pod("a", 0));
    QueuedPod a = queue.pop();
    queue.failed(a, true);
    queue.moveAllToActive();
    assertEquals(1, queue.backoffCount());
    clock.addAndGet(999);
    assertNull(queue.pop());
    clock.incrementAndGet();
    QueuedPod again = queue.pop();
    assertEquals(2, again.attempts());
    queue.failed(again, false);
    clock.addAndGet(1_999);
    assertNull(queue.pop(), "two attempts: two seconds");
    clock.incrementAndGet();
    assertEquals("a", queue.pop().info().name);
  }

  @Test
  void aChangeWhileThePodWasInFlightSendsItToBackoffNotAside() {
    queue.add(pod("a", 0));
    QueuedPod a = queue.pop();
    queue.moveAllToActive();
    queue.failed(a, true);
    assertEquals(0, queue.unschedulableCount());
    assertEquals(1, queue.backoffCount());
  }

  @Test
  void aDeletedPodLeaves() {
    queue.add(pod("a", 0));
    queue.delete("core/pods/default/a");
    assertNull(queue.pop());
  }

  static PodInfo version(String name, String more) {
    return Fixtures.pod(name, more);
  }

  @Test
  void aStatusWriteLeavesAnUnschedulablePodAsideAndAnyOtherChangeBringsItBack() {
    queue.add(version("a", null));
    queue.failed(queue.pop(), true);
    queue.add(version("a", "{'metadata':{'resourceVersion':'2'},'status':{'conditions':[{'type':'PodScheduled',"
        + "'status':'False'}],'nominatedNodeName':'n1'}}"));
    assertEquals(1, queue.unschedulableCount(), "status only, as kube's isPodUpdated");
    queue.add(version("a", "{'metadata':{'resourceVersion':'3','labels':{'x':'y'}}}"));
    assertEquals(0, queue.unschedulableCount());
    assertEquals(1, queue.backoffCount());
  }

  @Test
  void aPodChangedWhileItWasBeingScheduledIsNotSetAsideByThatAttempt() {
    queue.add(version("a", null));
    QueuedPod a = queue.pop();
    queue.add(version("a", "{'metadata':{'resourceVersion':'2'},'spec':{'tolerations':[{'operator':'Exists'}]}}"));
    queue.failed(a, true);
    assertEquals(0, queue.unschedulableCount(), "the attempt saw the version without the toleration");
    assertEquals(1, queue.backoffCount());
  }

  @Test
  void aStatusWriteWhileItWasBeingScheduledDoesNotCount() {
    queue.add(version("a", null));
    QueuedPod a = queue.pop();
    queue.add(version("a", "{'metadata':{'resourceVersion':'2'},'status':{'phase':'Pending'}}"));
    queue.failed(a, true);
    assertEquals(1, queue.unschedulableCount());
  }

  private String names(int n) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      out.append(i == 0 ? "" : " ").append(queue.pop().info().name);
    }
    return out.toString();
  }
}
