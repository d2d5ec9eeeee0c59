package io.logplane.tests.cluster.linearizability;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The calls and returns of one key's operations in time order, as a doubly linked list that the
 * search lifts an operation out of when it places it and puts back when it backs out of that
 * (Knuth's dancing links, as in Porcupine's checkSingle). At equal times a call comes before a
 * return, so operations whose ends touch count as concurrent: the check errs toward passing rather
 * than failing a correct server on a clock tick.
 *
 * <p>An operation of unknown outcome has a call and no return: nothing forces the search to place
 * it, so it can be placed at any point after its call or left out.
 *
 * <p>Entries are numbered 1..size in time order (0 is the head), so an entry's number is also its
 * position, which the explanation of a failure uses to tell what could have come next.
 */
final class Events {

  static final int HEAD = 0;
  static final int END = -1;

  /** Per entry: its operation. */
  final int[] op;
  /** Per entry: for a call, its return entry or END; for a return, END. */
  final int[] match;
  /** Per entry: whether it is a call. */
  final boolean[] isCall;
  /** Per operation: its call entry. */
  final int[] callOf;
  /** Per operation: its return entry, or END for an operation of unknown outcome. */
  final int[] returnOf;
  private final int[] prev;
  private final int[] next;

  Events(List<Operation> ops) {
    int n = ops.size();
    int returns = (int) ops.stream().filter(o -> !o.isUnknown()).count();
    long[][] raw = new long[n + returns][];
    int k = 0;
    for (int i = 0; i < n; i++) {
      Operation o = ops.get(i);
      raw[k++] = new long[] {o.call(), 0, i};
      if (!o.isUnknown()) {
        raw[k++] = new long[] {o.ret(), 1, i};
      }
    }
    Arrays.sort(raw, Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1])
        .thenComparingLong(e -> e[2]));
    int size = raw.length + 1;
    op = new int[size];
    match = new int[size];
    isCall = new boolean[size];
    prev = new int[size];
    next = new int[size];
    callOf = new int[n];
    returnOf = new int[n];
    Arrays.fill(returnOf, END);
    for (int e = 1; e < size; e++) {
      int i = (int) raw[e - 1][2];
      op[e] = i;
      isCall[e] = raw[e - 1][1] == 0;
      if (isCall[e]) {
        callOf[i] = e;
      } else {
        returnOf[i] = e;
      }
    }
    for (int e = 0; e < size; e++) {
      prev[e] = e - 1;
      next[e] = e + 1 < size ? e + 1 : END;
      match[e] = e > 0 && isCall[e] ? returnOf[op[e]] : END;
    }
  }

  int first() {
    return next[HEAD];
  }

  int next(int e) {
    return next[e];
  }

  /** Takes a call entry and its return out of the list: the operation is placed. */
  void lift(int call) {
    remove(call);
    if (match[call] != END) {
      remove(match[call]);
    }
  }

  /** Puts back what {@link #lift} took out; only in the reverse order of lifts. */
  void unlift(int call) {
    if (match[call] != END) {
      restore(match[call]);
    }
    restore(call);
  }

  private void remove(int e) {
    next[prev[e]] = next[e];
    if (next[e] != END) {
      prev[next[e]] = prev[e];
    }
  }

  private void restore(int e) {
    next[prev[e]] = e;
    if (next[e] != END) {
      prev[next[e]] = e;
    }
  }
}
