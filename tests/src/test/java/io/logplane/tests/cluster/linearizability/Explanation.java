package io.logplane.tests.cluster.linearizability;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns where the search got stuck into text a person can act on: the longest linearizable prefix
 * with the object's state after each operation, then the operations that could have come next,
 * each with the register's reason it cannot. Operations print as lines of a history's text form,
 * with times counted from the key's first call, so a failure can be pasted into a unit test.
 */
final class Explanation {

  /** How many lines of a long prefix or candidate list are shown; the rest are counted. */
  static final int SHOWN = 20;

  private Explanation() {}

  /**
   * The operations that could have been placed right after {@code prefix}: the unplaced answered
   * operation that returns first, which had to be placed by then, and every unplaced operation
   * called before that return, in call order, but for unknown ones whose window (if any) ended
   * before the call of one in the prefix.
   */
  static List<Operation> unplaced(List<Operation> ops, int[] prefix, long windowNanos) {
    Events events = new Events(ops);
    boolean[] placed = new boolean[ops.size()];
    long lastCall = Long.MIN_VALUE;
    for (int i : prefix) {
      placed[i] = true;
      lastCall = Math.max(lastCall, ops.get(i).call());
    }
    for (int i = 0; i < ops.size(); i++) {
      Operation o = ops.get(i);
      placed[i] |= o.isUnknown() && windowNanos != Search.UNBOUNDED && o.call() <= Operation.NEVER - windowNanos
          && o.call() + windowNanos < lastCall;
    }
    int firstReturn = Integer.MAX_VALUE;
    for (int i = 0; i < ops.size(); i++) {
      if (!placed[i] && events.returnOf[i] != Events.END) {
        firstReturn = Math.min(firstReturn, events.returnOf[i]);
      }
    }
    List<Operation> next = new ArrayList<>();
    for (int e = 1; e < events.op.length && e < firstReturn; e++) {
      if (events.isCall[e] && !placed[events.op[e]]) {
        next.add(ops.get(events.op[e]));
      }
    }
    return next;
  }

  /** The explanation of a key whose history is not linearizable. */
  static String notLinearizable(String key, List<Operation> ops, int[] prefix, List<Operation> unplaced) {
    long origin = origin(ops);
    StringBuilder out = new StringBuilder();
    out.append(key).append(" is not linearizable: ").append(ops.size())
        .append(" operations, times in ns after the key's first call (nanoTime ").append(origin).append(").\n");
    RegisterModel model = RegisterModel.of(ops);
    RegisterModel.State state = prefix(out, model, ops, prefix, origin);
    Operation due = unplaced.stream().filter(o -> !o.isUnknown())
        .reduce((a, b) -> b.ret() < a.ret() ? b : a).orElseThrow();
    out.append("After it the object is ").append(state).append(", and no operation can take effect before [")
        .append(due.describe(origin)).append("] returns:\n");
    for (int k = 0; k < unplaced.size() && k < SHOWN; k++) {
      Operation o = unplaced.get(k);
      String why = model.why(state, o);
      out.append("  ").append(o.describe(origin)).append("   -- ")
          .append(why != null ? why : "can take effect here, but then no order of the rest works").append('\n');
    }
    more(out, unplaced.size());
    return out.toString();
  }

  /** The explanation of a key whose search ran out of time. */
  static String timedOut(String key, List<Operation> ops, int[] prefix, long budgetNanos, int configurations) {
    long origin = origin(ops);
    StringBuilder out = new StringBuilder();
    out.append(key).append(": gave up after ").append(budgetNanos / 1_000_000).append(" ms and ").append(configurations)
        .append(" configurations on ").append(ops.size())
        .append(" operations; times in ns after the key's first call (nanoTime ").append(origin).append(").\n");
    RegisterModel.State state = prefix(out, RegisterModel.of(ops), ops, prefix, origin);
    out.append("After it the object is ").append(state).append(".\n");
    return out.toString();
  }

  /** Appends the prefix with the state after each operation; returns the state after the last. */
  private static RegisterModel.State prefix(StringBuilder out, RegisterModel model, List<Operation> ops, int[] prefix,
      long origin) {
    out.append("The longest linearizable prefix found places ").append(prefix.length)
        .append(" of them, from an absent object").append(prefix.length == 0 ? ".\n" : ":\n");
    RegisterModel.State state = RegisterModel.State.ABSENT;
    int from = Math.max(0, prefix.length - SHOWN);
    if (from > 0) {
      out.append("  (the first ").append(from).append(" not shown)\n");
    }
    for (int d = 0; d < prefix.length; d++) {
      Operation o = ops.get(prefix[d]);
      state = model.step(state, o);
      if (state == null) {
        throw new IllegalStateException("the search placed an operation the register refuses: " + o);
      }
      if (d >= from) {
        out.append("  ").append(o.describe(origin)).append("   => ").append(state).append('\n');
      }
    }
    return state;
  }

  private static void more(StringBuilder out, int size) {
    if (size > SHOWN) {
      out.append("  (and ").append(size - SHOWN).append(" more)\n");
    }
  }

  private static long origin(List<Operation> ops) {
    return ops.stream().mapToLong(Operation::call).min().orElse(0);
  }
}
