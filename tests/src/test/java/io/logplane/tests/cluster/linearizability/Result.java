package io.logplane.tests.cluster.linearizability;

import java.util.List;

/**
 * The checker's verdict on a history. A failing fault test prints {@link #explanation()}: for a
 * history that is not linearizable it names the object, the longest linearizable prefix the
 * search found, and the operations none of which could come next, each with why.
 */
public sealed interface Result {

  /**
   * Every object's operations have an order that the register allows and that respects real time.
   *
   * @param keys       how many objects the history touched
   * @param operations how many operations it had
   */
  record Linearizable(int keys, int operations) implements Result {
    @Override
    public String explanation() {
      return operations + " operations on " + keys + " objects are linearizable";
    }
  }

  /**
   * No order of the operations on {@code key} fits both the register and real time. When several
   * keys fail, this is the first in key order and the explanation lists the others.
   *
   * @param key           the object whose history fails
   * @param longestPrefix the longest linearizable prefix the search found, in the order placed
   * @param unplaced      the operations that could have come next after it, none of which can
   * @param explanation   all of that as text, with the model's reason for each operation
   */
  record NotLinearizable(String key, List<Operation> longestPrefix, List<Operation> unplaced, String explanation)
      implements Result {
    public NotLinearizable {
      longestPrefix = List.copyOf(longestPrefix);
      unplaced = List.copyOf(unplaced);
    }

    /** The explanation: what a failing assertion should print. */
    @Override
    public String toString() {
      return explanation;
    }
  }

  /**
   * The search on {@code key} ran out of time: the history may or may not be linearizable. No
   * other key failed (a definite failure is reported over this).
   *
   * @param key           the object whose search gave up
   * @param longestPrefix the longest linearizable prefix found until then
   * @param explanation   that, as text
   */
  record Unknown(String key, List<Operation> longestPrefix, String explanation) implements Result {
    public Unknown {
      longestPrefix = List.copyOf(longestPrefix);
    }

    /** The explanation: what a failing assertion should print. */
    @Override
    public String toString() {
      return explanation;
    }
  }

  /** What a test prints: the verdict, and for a failure the object, the prefix and why nothing fits after it. */
  String explanation();

  /** Whether the history was shown linearizable (not merely not shown otherwise). */
  default boolean isLinearizable() {
    return this instanceof Linearizable;
  }
}
