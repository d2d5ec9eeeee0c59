package io.logplane.tests.cluster.linearizability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Checks that a history of operations on Kubernetes objects is linearizable: that each operation
 * can be given a single instant between its call and its return at which it took effect, the
 * instants agreeing with what every client saw of a register per object. This is what the API
 * promises for one object (a GET sees the last write; a PUT with a resourceVersion succeeds only
 * on that version), so a server that loses, reorders or resurrects writes under faults fails it.
 *
 * <p>Objects are independent, so the history is split by key and each part searched alone
 * (P-compositionality, as Porcupine does): the cost grows with the concurrency on one object, not
 * with the whole history. Each part is searched with the Wing–Gong algorithm and Lowe's memo of
 * explored configurations (see {@link Search}).
 *
 * <p>Operations of unknown outcome may be placed anywhere after their call (or within a window
 * after it, see {@link #withUnansweredWindow}) or left out; a GET of unknown outcome says nothing
 * and is dropped before the search. A write of unknown outcome that a GET shows is accepted at the
 * resourceVersion the GET shows, provided no answered write created that one: resourceVersions
 * are taken to be unique, as etcd's revisions are. Give each write its own value, so that a GET
 * tells which write it shows.
 *
 * <p>The search can be exponential in the concurrency on one object, so a timeout per key turns a
 * search that would not end into an {@link Result.Unknown} verdict. The checker is immutable.
 */
public final class LinearizabilityChecker {

  private final long timeoutNanos;
  private final long windowNanos;
  private final LongSupplier clock;

  /**
   * A checker that searches each key until it has an answer, and lets an operation of unknown
   * outcome take effect any time after its call.
   */
  public LinearizabilityChecker() {
    this(Search.UNBOUNDED, Search.UNBOUNDED, System::nanoTime);
  }

  /**
   * A checker that gives up on a key (with {@link Result.Unknown}) after {@code timeoutPerKey} of
   * {@code nanoClock}, or never when null. The clock is a parameter so a test of the timeout need
   * not wait for one.
   */
  public LinearizabilityChecker(Duration timeoutPerKey, LongSupplier nanoClock) {
    this(timeoutPerKey == null ? Search.UNBOUNDED : nanos(timeoutPerKey), Search.UNBOUNDED, nanoClock);
  }

  private LinearizabilityChecker(long timeoutNanos, long windowNanos, LongSupplier clock) {
    this.timeoutNanos = timeoutNanos;
    this.windowNanos = windowNanos;
    this.clock = clock;
  }

  /** A checker that gives up on a key (with {@link Result.Unknown}) after {@code timeoutPerKey} of System.nanoTime. */
  public static LinearizabilityChecker withTimeout(Duration timeoutPerKey) {
    return new LinearizabilityChecker(timeoutPerKey, System::nanoTime);
  }

  /**
   * This checker, taking an operation of unknown outcome to take effect, if at all, within
   * {@code window} of its call: the longest a request can stay in the server (its own request
   * timeout, or how long a proposed record can wait to be applied). A pending one stops being a
   * candidate once an operation called after its window is placed, which keeps a failing history
   * with many of them from taking the search's time. Too short a window fails correct histories.
   */
  public LinearizabilityChecker withUnansweredWindow(Duration window) {
    return new LinearizabilityChecker(timeoutNanos, nanos(window), clock);
  }

  /**
   * The verdict on {@code history}, in any order, every key's starting from an absent object (so
   * record the creates too). A definite failure is reported before a timeout on another key.
   */
  public Result check(Collection<Operation> history) {
    Map<String, List<Operation>> byKey = new TreeMap<>();
    Set<String> keys = new HashSet<>();
    for (Operation o : history) {
      keys.add(o.key());
      if (!(o.isUnknown() && !o.input().writes())) {
        byKey.computeIfAbsent(o.key(), k -> new ArrayList<>()).add(o);
      }
    }
    Result.NotLinearizable failed = null;
    List<String> alsoFailed = new ArrayList<>();
    Result.Unknown gaveUp = null;
    for (Map.Entry<String, List<Operation>> part : byKey.entrySet()) {
      Result r = checkKey(part.getKey(), part.getValue());
      if (r instanceof Result.NotLinearizable) {
        if (failed == null) {
          failed = (Result.NotLinearizable) r;
        } else {
          alsoFailed.add(part.getKey());
        }
      } else if (r instanceof Result.Unknown && gaveUp == null) {
        gaveUp = (Result.Unknown) r;
      }
    }
    if (failed != null) {
      return alsoFailed.isEmpty() ? failed : new Result.NotLinearizable(failed.key(), failed.longestPrefix(),
          failed.unplaced(), failed.explanation() + "Not linearizable either: " + String.join(", ", alsoFailed) + "\n");
    }
    return gaveUp != null ? gaveUp : new Result.Linearizable(keys.size(), history.size());
  }

  private Result checkKey(String key, List<Operation> ops) {
    Search.Outcome outcome = Search.run(ops, clock, timeoutNanos, windowNanos);
    List<Operation> prefix = Arrays.stream(outcome.prefix()).mapToObj(ops::get).toList();
    switch (outcome.verdict()) {
      case LINEARIZABLE:
        return new Result.Linearizable(1, ops.size());
      case NOT_LINEARIZABLE:
        List<Operation> unplaced = Explanation.unplaced(ops, outcome.prefix(), windowNanos);
        return new Result.NotLinearizable(key, prefix, unplaced,
            Explanation.notLinearizable(key, ops, outcome.prefix(), unplaced));
      default:
        return new Result.Unknown(key, prefix,
            Explanation.timedOut(key, ops, outcome.prefix(), timeoutNanos, outcome.configurations()));
    }
  }

  /** In nanoseconds; one beyond what a long holds (292 years) is no limit. */
  private static long nanos(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("a negative duration: " + d);
    }
    return d.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Search.UNBOUNDED : d.toNanos();
  }
}
