package io.logplane.tests.cluster.linearizability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Histories of the size a fault test makes, from {@link RandomHistories}: 2,000 operations on 5
 * objects by 8 concurrent clients pass in well under the time a test may take, and each fails once
 * a single answer in it is changed to one no linearizable server could give.
 */
class RandomizedHistoryTest {

  private static Result timed(String what, List<Operation> history) {
    long start = System.nanoTime();
    Result r = new LinearizabilityChecker().check(history);
    System.out.printf("%s: %d operations checked in %d ms%n", what, history.size(),
        (System.nanoTime() - start) / 1_000_000);
    return r;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void aValidHistoryOfTwoThousandOperationsPasses(long seed) {
    List<Operation> history = RandomHistories.generate(seed, 2000, 5, 8, 0);
    assertEquals(2000, history.size());
    Result r = timed("seed " + seed, history);
    assertEquals(new Result.Linearizable(5, 2000), r, r.explanation());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void aValidHistoryWithUnansweredRequestsPasses(long seed) {
    List<Operation> history = RandomHistories.generate(seed, 2000, 5, 8, 0.03);
    assertTrue(history.stream().filter(Operation::isUnknown).count() > 20);
    Result r = timed("seed " + seed + " with unknown outcomes", history);
    assertTrue(r.isLinearizable(), r.explanation());
  }

  @Test
  void threeThousandOperationsOnOneObjectPass() {
    Result r = timed("one object", RandomHistories.generate(9, 3000, 1, 8, 0.01));
    assertTrue(r.isLinearizable(), r.explanation());
  }

  @Test
  void withAWindowAHotObjectWithManyUnansweredRequestsFailsQuickly() {
    // the generator's unanswered requests take effect within 200 ticks of their call, if at all
    LinearizabilityChecker checker = new LinearizabilityChecker().withUnansweredWindow(Duration.ofNanos(200));
    List<Operation> history = RandomHistories.generate(4, 2000, 1, 8, 0.1);
    long start = System.nanoTime();
    assertTrue(checker.check(history).isLinearizable());
    long valid = System.nanoTime();
    List<Integer> reads = indices(history, o -> o.output() instanceof Output.Found);
    int i = reads.get(reads.size() * 2 / 3);
    Operation corrupt = with(history.get(i), Output.found("never-written", "0"));
    history.set(i, corrupt);
    failsAt(checker.check(history), corrupt);
    System.out.printf("one object, 10%% unanswered, with a window: valid in %d ms, corrupted in %d ms%n",
        (valid - start) / 1_000_000, (System.nanoTime() - valid) / 1_000_000);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void aReadOfAValueNeverWrittenFails(long seed) {
    List<Operation> history = RandomHistories.generate(seed, 2000, 5, 8, 0.03);
    Random random = new Random(seed);
    List<Integer> reads = indices(history, o -> o.output() instanceof Output.Found);
    int i = reads.get(random.nextInt(reads.size()));
    Operation read = history.get(i);
    Operation corrupt = with(read, Output.found("never-written", ((Output.Found) read.output()).rv()));
    history.set(i, corrupt);
    failsAt(timed("seed " + seed + " with a value never written", history), corrupt);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void aStaleReadFails(long seed) {
    List<Operation> history = RandomHistories.generate(seed, 2000, 5, 8, 0.03);
    Random random = new Random(seed);
    List<Integer> candidates = indices(history,
        o -> o.output() instanceof Output.Found && overwrittenBefore(history, o) != null);
    int i = candidates.get(random.nextInt(candidates.size()));
    Operation read = history.get(i);
    Operation old = overwrittenBefore(history, read);
    String value = old.input() instanceof Input.Create ? ((Input.Create) old.input()).value()
        : ((Input.Update) old.input()).value();
    Operation corrupt = with(read, Output.found(value, ((Output.Written) old.output()).rv()));
    history.set(i, corrupt);
    failsAt(timed("seed " + seed + " with a stale read", history), corrupt);
  }

  private static void failsAt(Result r, Operation corrupt) {
    Result.NotLinearizable failed = assertInstanceOf(Result.NotLinearizable.class, r, "the corrupted read " + corrupt);
    assertEquals(corrupt.key(), failed.key(), failed.explanation());
    assertTrue(failed.unplaced().contains(corrupt), failed.explanation());
  }

  /**
   * An answered write of the read's object that another answered write followed entirely, both
   * before the read was called: values are unique, so the read cannot show the first one's value.
   */
  private static Operation overwrittenBefore(List<Operation> history, Operation read) {
    for (Operation old : history) {
      if (old.key().equals(read.key()) && old.output() instanceof Output.Written && old.ret() < read.call()) {
        for (Operation later : history) {
          if (later.key().equals(read.key()) && later.call() > old.ret() && later.ret() < read.call()
              && (later.output() instanceof Output.Written || later.output() instanceof Output.Deleted)) {
            return old;
          }
        }
      }
    }
    return null;
  }

  private static Operation with(Operation o, Output output) {
    return Operation.of(o.client(), o.key(), o.call(), o.ret(), o.input(), output);
  }

  private static List<Integer> indices(List<Operation> history, java.util.function.Predicate<Operation> p) {
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      if (p.test(history.get(i))) {
        found.add(i);
      }
    }
    return found;
  }
}
