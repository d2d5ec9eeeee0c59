package io.logplane.tests.cluster.linearizability;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The Wing–Gong search with Lowe's memoization over one key's operations, as Porcupine's
 * checkSingle does it: walk the time-ordered calls and returns; at a call, try to place that
 * operation next (the model must accept it, and the resulting configuration must be new), lifting
 * it out of the list and starting over from the head; at a return whose operation is not placed
 * yet, no order of what was tried works, so back out of the last placement and try the next call.
 * The history is linearizable once every answered operation is placed.
 *
 * <p>Operations of unknown outcome may be left out, and each one still pending multiplies the
 * orders to rule out on a failing history. Three things keep that down; the first two never change
 * the verdict (the tests compare it with trying every order), the third is the caller's assumption:
 * <ul>
 *   <li>An unknown operation whose value no GET shows is <em>lazy</em>: it is tried only after the
 *       walk up to the return found nothing else to place, so configurations without it reach the
 *       memo first, and the memo counts one with fewer unknown operations placed as at least as
 *       good (see {@link Cache}). One whose value a GET shows very likely took effect, and is tried
 *       in call order like the answered ones, which keeps valid histories quick.
 *   <li>No operation is placed right after an unknown one that it hides (the same state follows as
 *       if it were placed before it): the unknown one could as well be left out.
 *   <li>Given a window (the longest time between an unanswered call and its taking effect), an
 *       unknown operation stops being a candidate once an operation called after its window is
 *       placed, which bounds how many are pending at once.
 * </ul>
 *
 * <p>It remembers the deepest point it reached (most answered operations placed), for the
 * explanation of a failure or a timeout.
 */
final class Search {

  /** How many steps between readings of the clock. */
  private static final int CLOCK_EVERY = 4096;

  /** No time limit, or no window. */
  static final long UNBOUNDED = Long.MAX_VALUE;

  /** Whether a linearization was found, ruled out, or neither before the time ran out. */
  enum Verdict { LINEARIZABLE, NOT_LINEARIZABLE, TIMED_OUT }

  /**
   * What the search found.
   *
   * @param verdict        the answer
   * @param prefix         the deepest linearizable prefix reached, as indices into the operations,
   *                       in the order placed (empty when linearizable: not needed then)
   * @param configurations how many configurations were explored
   */
  record Outcome(Verdict verdict, int[] prefix, int configurations) {}

  private final List<Operation> ops;
  private final Events events;
  private final RegisterModel model;
  private final int[] ordinal;
  /** Per operation: the latest time it can take effect, NEVER if unbounded. */
  private final long[] latest;
  /** Per operation: whether it is tried only after the others (see the class comment). */
  private final boolean[] lazy;
  private final boolean anyLazy;
  private final Bits answered;
  private final Bits unknown;
  private final Cache cache = new Cache();
  private final int[] stackEntry;
  private final RegisterModel.State[] stackState;
  private final long[] stackLastCall;
  private int depth;
  private int placedAnswered;
  /** The latest call among the placed operations: whatever is placed next takes effect after it. */
  private long lastCall = Long.MIN_VALUE;
  private int[] deepest = new int[0];
  private int deepestAnswered = -1;

  private Search(List<Operation> ops, long windowNanos) {
    this.ops = ops;
    this.events = new Events(ops);
    this.model = RegisterModel.of(ops);
    this.ordinal = new int[ops.size()];
    this.latest = new long[ops.size()];
    this.lazy = lazy(ops);
    int answeredCount = 0;
    int unknownCount = 0;
    boolean someLazy = false;
    for (int i = 0; i < ops.size(); i++) {
      Operation o = ops.get(i);
      ordinal[i] = o.isUnknown() ? unknownCount++ : answeredCount++;
      someLazy |= lazy[i];
      boolean open = !o.isUnknown() || windowNanos == UNBOUNDED || o.call() > Operation.NEVER - windowNanos;
      latest[i] = open ? Operation.NEVER : o.call() + windowNanos;
    }
    this.answered = new Bits(answeredCount);
    this.unknown = new Bits(unknownCount);
    this.stackEntry = new int[ops.size()];
    this.stackState = new RegisterModel.State[ops.size()];
    this.stackLastCall = new long[ops.size()];
    this.anyLazy = someLazy;
  }

  /** The unknown operations that write no value a GET shows. */
  private static boolean[] lazy(List<Operation> ops) {
    Set<String> shown = new HashSet<>();
    for (Operation o : ops) {
      if (o.output() instanceof Output.Found) {
        shown.add(((Output.Found) o.output()).value());
      }
    }
    boolean[] lazy = new boolean[ops.size()];
    for (int i = 0; i < ops.size(); i++) {
      Input in = ops.get(i).input();
      String value = in instanceof Input.Create ? ((Input.Create) in).value()
          : in instanceof Input.Update ? ((Input.Update) in).value() : null;
      lazy[i] = ops.get(i).isUnknown() && !shown.contains(value);
    }
    return lazy;
  }

  /**
   * Searches for a linearization of {@code ops} (one key's, GETs of unknown outcome already left
   * out) from the absent object. Gives up once {@code budgetNanos} of {@code clock} passed, and
   * takes operations of unknown outcome to take effect within {@code windowNanos} of their call;
   * {@link #UNBOUNDED} for either means no limit.
   */
  static Outcome run(List<Operation> ops, LongSupplier clock, long budgetNanos, long windowNanos) {
    return new Search(ops, windowNanos).run(clock, budgetNanos);
  }

  private Outcome run(LongSupplier clock, long budgetNanos) {
    boolean bounded = budgetNanos != UNBOUNDED;
    long start = bounded ? clock.getAsLong() : 0;
    int toPlace = (int) ops.stream().filter(o -> !o.isUnknown()).count();
    RegisterModel.State state = RegisterModel.State.ABSENT;
    int entry = events.first();
    boolean lazyPass = false;
    long steps = 0;
    while (placedAnswered < toPlace) {
      if (bounded && ++steps % CLOCK_EVERY == 0 && clock.getAsLong() - start >= budgetNanos) {
        noteDepth();
        return new Outcome(Verdict.TIMED_OUT, deepest, cache.size());
      }
      if (entry == Events.END) {
        throw new IllegalStateException("the walk passed every return while answered operations were unplaced");
      }
      if (events.isCall[entry]) {
        int i = events.op[entry];
        RegisterModel.State next = lazy[i] != lazyPass || latest[i] < lastCall ? null : model.step(state, ops.get(i));
        if (next != null && !hidesUnknown(i, next) && place(i, next)) {
          stackEntry[depth] = entry;
          stackState[depth] = state;
          stackLastCall[depth] = lastCall;
          depth++;
          state = next;
          lastCall = Math.max(lastCall, ops.get(i).call());
          events.lift(entry);
          entry = events.first();
          lazyPass = false;
        } else {
          entry = events.next(entry);
        }
      } else if (anyLazy && !lazyPass) {
        lazyPass = true;
        entry = events.first();
      } else {
        noteDepth();
        if (depth == 0) {
          return new Outcome(Verdict.NOT_LINEARIZABLE, deepest, cache.size());
        }
        depth--;
        entry = stackEntry[depth];
        state = stackState[depth];
        lastCall = stackLastCall[depth];
        int i = events.op[entry];
        unplace(i);
        events.unlift(entry);
        entry = events.next(entry);
        lazyPass = lazy[i];
      }
    }
    return new Outcome(Verdict.LINEARIZABLE, new int[0], cache.size());
  }

  /**
   * Whether placing operation i, leading to {@code next}, would only hide the operation of unknown
   * outcome placed just before it: placed before that one instead, it leads to the same state with
   * fewer unknown operations placed, which the memo counts as at least as good.
   */
  private boolean hidesUnknown(int i, RegisterModel.State next) {
    return depth > 0 && ops.get(events.op[stackEntry[depth - 1]]).isUnknown()
        && next.equals(model.step(stackState[depth - 1], ops.get(i)));
  }

  /** Marks operation i placed if that makes a configuration not explored yet; else leaves it unplaced. */
  private boolean place(int i, RegisterModel.State next) {
    Bits bits = ops.get(i).isUnknown() ? unknown : answered;
    bits.set(ordinal[i]);
    if (cache.add(answered, next, unknown)) {
      if (bits == answered) {
        placedAnswered++;
      }
      return true;
    }
    bits.clear(ordinal[i]);
    return false;
  }

  private void unplace(int i) {
    if (ops.get(i).isUnknown()) {
      unknown.clear(ordinal[i]);
    } else {
      answered.clear(ordinal[i]);
      placedAnswered--;
    }
  }

  /** Keeps the current prefix if it places more answered operations than any before (called before backing out). */
  private void noteDepth() {
    if (placedAnswered > deepestAnswered) {
      deepestAnswered = placedAnswered;
      deepest = new int[depth];
      for (int d = 0; d < depth; d++) {
        deepest[d] = events.op[stackEntry[d]];
      }
    }
  }
}
