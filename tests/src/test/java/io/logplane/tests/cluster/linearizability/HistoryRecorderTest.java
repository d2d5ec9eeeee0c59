package io.logplane.tests.cluster.linearizability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The recorder takes many threads' operations at once, times each inside its real duration, maps
 * HTTP answers to outcomes, and counts a request still in flight as one of unknown outcome.
 */
class HistoryRecorderTest {

  /** A clock that ticks once per reading, so times in a test are known. */
  private static HistoryRecorder ticking() {
    AtomicLong now = new AtomicLong();
    return new HistoryRecorder(now::incrementAndGet);
  }

  @Test
  void threadsRunningGetThenPutLoopsAgainstAnAtomicServerLeaveALinearizableHistory() throws Exception {
    AtomicRegisterServer server = new AtomicRegisterServer();
    HistoryRecorder history = new HistoryRecorder();
    int threads = 8;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String client = "c" + t;
        Random random = new Random(t);
        done.add(pool.submit(() -> {
          go.await();
          getThenPut(server, history, client, random, 150);
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<Operation> ops = history.operations();
    assertTrue(ops.size() >= threads * 150, "recorded " + ops.size());
    assertTrue(ops.stream().anyMatch(Operation::isUnknown));
    Result r = LinearizabilityChecker.withTimeout(java.time.Duration.ofSeconds(30)).check(ops);
    assertTrue(r.isLinearizable(), r.explanation());
  }

  /**
   * One client's loop: GET an object, then PUT a new value with the resourceVersion read (or
   * create it, or now and then delete it); one request in thirty loses its answer, before or after
   * the server applied it, as a reset connection would.
   */
  private static void getThenPut(AtomicRegisterServer server, HistoryRecorder history, String client, Random random,
      int rounds) {
    for (int n = 0; n < rounds; n++) {
      String key = "configmaps/default/k" + random.nextInt(3);
      Output read = send(server, history, client, key, Input.get(), random);
      String value = client + "-" + n;
      Input write = !(read instanceof Output.Found) ? Input.create(value)
          : random.nextInt(10) == 0 ? Input.deleteIf(((Output.Found) read).rv())
          : Input.updateIf(value, ((Output.Found) read).rv());
      send(server, history, client, key, write, random);
    }
  }

  private static Output send(AtomicRegisterServer server, HistoryRecorder history, String client, String key,
      Input input, Random random) {
    HistoryRecorder.Pending p = history.start(client, key, input);
    int fault = random.nextInt(30);
    if (fault == 0) {
      p.unknown(); // lost on the way
      return null;
    }
    Output answer = server.handle(key, input);
    if (fault == 1) {
      p.unknown(); // applied, answer lost
    } else if (answer.success()) {
      p.ok(answer);
    } else {
      p.fail(answer);
    }
    return fault == 1 ? null : answer;
  }

  @Test
  void aLaggingReadRecordedThroughTheRecorderFails() {
    HistoryRecorder history = ticking();
    history.start("c1", "x", Input.create("a")).ok(Output.written("1"));
    history.start("c1", "x", Input.updateIf("b", "1")).ok(Output.written("2"));
    history.start("c2", "x", Input.get()).http(200, "a", "1"); // a replica one write behind
    Result r = new LinearizabilityChecker().check(history.operations());
    assertEquals("x", assertInstanceOf(Result.NotLinearizable.class, r).key());
  }

  @Test
  void eachOperationIsTimedFromItsCallToItsCompletion() {
    HistoryRecorder history = ticking();
    long call = history.call();
    history.ok("c1", "x", call, Input.create("a"), Output.written("1"));
    HistoryRecorder.Pending get = history.start("c2", "x", Input.get());
    get.fail(Output.notFound());
    long lost = history.call();
    history.unknown("c3", "x", lost, Input.delete());
    history.fail("c3", "y", history.call(), Input.updateIf("b", "7"), Output.conflict());
    assertEquals(HistoryText.parse("""
        c1 x 1..2 create a -> ok 1
        c2 x 3..4 get -> notfound
        c3 x 5..? delete -> ?
        c3 y 6..7 update b if 7 -> conflict
        """), history.operations());
  }

  @Test
  void httpStatusesMapToOutcomes() {
    HistoryRecorder history = ticking();
    history.start("c", "x", Input.get()).http(200, "a", "1");
    history.start("c", "x", Input.get()).http(404, null, null);
    history.start("c", "x", Input.create("a")).http(201, null, "1");
    history.start("c", "x", Input.create("a")).http(409, null, null);
    history.start("c", "x", Input.updateIf("b", "1")).http(200, null, "2");
    history.start("c", "x", Input.updateIf("b", "1")).http(409, null, null);
    history.start("c", "x", Input.update("b")).http(404, null, null);
    history.start("c", "x", Input.deleteIf("2")).http(200, null, null);
    history.start("c", "x", Input.delete()).http(503, null, null);
    history.start("c", "x", Input.delete()).http(429, null, null);
    List<String> outputs = history.operations().stream().map(o -> o.output().toString()).toList();
    assertEquals(List.of("found a 1", "notfound", "ok 1", "exists", "ok 2", "conflict", "notfound", "ok", "?", "?"),
        outputs);
  }

  @Test
  void statusesThatAreNoOutcomeOfARegisterAreRefused() {
    HistoryRecorder history = ticking();
    assertThrows(IllegalArgumentException.class, () -> history.start("c", "x", Input.get()).http(409, null, null));
    assertThrows(IllegalArgumentException.class, () -> history.start("c", "x", Input.create("a"))
        .http(404, null, null));
    assertThrows(IllegalArgumentException.class, () -> history.start("c", "x", Input.update("a"))
        .http(422, null, null));
  }

  @Test
  void aRequestStillInFlightCountsAsOfUnknownOutcome() {
    HistoryRecorder history = ticking();
    history.start("c1", "x", Input.create("a"));
    assertEquals(List.of(HistoryText.line("c1 x 1..? create a -> ?")), history.operations());
  }

  @Test
  void anOperationIsCompletedOnce() {
    HistoryRecorder history = ticking();
    HistoryRecorder.Pending p = history.start("c1", "x", Input.get());
    p.fail(Output.notFound());
    assertThrows(IllegalStateException.class, p::unknown);
    assertEquals(1, history.operations().size());
  }

  @Test
  void anOkMustBeASuccessAndAFailATypedFailure() {
    HistoryRecorder history = ticking();
    assertThrows(IllegalArgumentException.class, () -> history.ok("c", "x", 0, Input.get(), Output.notFound()));
    assertThrows(IllegalArgumentException.class, () -> history.fail("c", "x", 0, Input.get(), Output.found("a", "1")));
    assertThrows(IllegalArgumentException.class, () -> history.start("c", "x", Input.create("a"))
        .fail(Output.unknown()));
    assertThrows(IllegalArgumentException.class, () -> history.start("c", "x", Input.get()).ok(Output.written("1")));
  }
}
