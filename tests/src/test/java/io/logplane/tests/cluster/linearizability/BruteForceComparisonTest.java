package io.logplane.tests.cluster.linearizability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The search's shortcuts (the memo and its subsumption, leaving unknown operations for last, not
 * placing one only to hide it, the window) change its speed and never its verdict: on thousands
 * of small histories, valid and corrupted, it agrees with trying every order of every subset.
 */
class BruteForceComparisonTest {

  @Test
  void theSearchAgreesWithTryingEveryOrder() {
    int[] verdicts = new int[2];
    for (long seed = 0; seed < 3000; seed++) {
      Random random = new Random(seed);
      List<Operation> history = RandomHistories.generate(seed, 8, 1, 4, 0.25);
      if (random.nextBoolean()) {
        corrupt(history, random);
      }
      long window = random.nextInt(3) == 0 ? 20 + random.nextInt(150) : Search.UNBOUNDED;
      boolean expected = bruteForce(history, window);
      LinearizabilityChecker checker = window == Search.UNBOUNDED ? new LinearizabilityChecker()
          : new LinearizabilityChecker().withUnansweredWindow(Duration.ofNanos(window));
      Result r = checker.check(history);
      assertEquals(expected, r.isLinearizable(), "seed " + seed + ", window " + window + ":\n" + text(history) + r);
      verdicts[expected ? 1 : 0]++;
    }
    assertTrue(verdicts[0] > 500 && verdicts[1] > 500, verdicts[0] + " failing, " + verdicts[1] + " passing");
  }

  /** Replaces one answer with another the server could give, with values and rvs from the history. */
  private static void corrupt(List<Operation> history, Random random) {
    List<String> values = new ArrayList<>(List.of("zz"));
    List<String> rvs = new ArrayList<>(List.of("99"));
    for (Operation o : history) {
      if (o.input() instanceof Input.Create) {
        values.add(((Input.Create) o.input()).value());
      } else if (o.input() instanceof Input.Update) {
        values.add(((Input.Update) o.input()).value());
      }
      if (o.output() instanceof Output.Written) {
        rvs.add(((Output.Written) o.output()).rv());
      }
    }
    int i = random.nextInt(history.size());
    Operation o = history.get(i);
    String value = values.get(random.nextInt(values.size()));
    String rv = rvs.get(random.nextInt(rvs.size()));
    Output[] answers = o.input() instanceof Input.Get ? new Output[] {Output.found(value, rv), Output.notFound()}
        : o.input() instanceof Input.Create ? new Output[] {Output.written(rv), Output.alreadyExists()}
        : o.input() instanceof Input.Update ? new Output[] {Output.written(rv), Output.conflict(), Output.notFound()}
        : new Output[] {Output.deleted(), Output.conflict(), Output.notFound()};
    long ret = o.isUnknown() ? o.call() + random.nextInt(100) : o.ret();
    Output answer = answers[random.nextInt(answers.length)];
    history.set(i, Operation.of(o.client(), o.key(), o.call(), ret, o.input(), answer));
  }

  /** Whether some order of the answered operations and some of the unknown ones fits real time and the register. */
  static boolean bruteForce(List<Operation> ops, long window) {
    List<Operation> kept = ops.stream().filter(o -> !(o.isUnknown() && !o.input().writes())).toList();
    return extend(kept, RegisterModel.of(kept), new boolean[kept.size()], RegisterModel.State.ABSENT, Long.MIN_VALUE,
        window);
  }

  private static boolean extend(List<Operation> ops, RegisterModel model, boolean[] used, RegisterModel.State state,
      long lastCall, long window) {
    boolean done = true;
    for (int j = 0; j < ops.size(); j++) {
      done &= used[j] || ops.get(j).isUnknown();
    }
    if (done) {
      return true;
    }
    for (int i = 0; i < ops.size(); i++) {
      Operation o = ops.get(i);
      boolean expired = o.isUnknown() && window != Search.UNBOUNDED && o.call() + window < lastCall;
      if (used[i] || o.ret() < lastCall || expired) {
        continue;
      }
      boolean mustWait = false;
      for (int j = 0; j < ops.size(); j++) {
        mustWait |= !used[j] && !ops.get(j).isUnknown() && ops.get(j).ret() < o.call();
      }
      RegisterModel.State next = mustWait ? null : model.step(state, o);
      if (next != null) {
        used[i] = true;
        boolean found = extend(ops, model, used, next, Math.max(lastCall, o.call()), window);
        used[i] = false;
        if (found) {
          return true;
        }
      }
    }
    return false;
  }

  private static String text(List<Operation> history) {
    StringBuilder out = new StringBuilder();
    history.forEach(o -> out.append(o).append('\n'));
    return out.toString();
  }
}
