package io.logplane.tests.cluster.linearizability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowe's memo for the Wing–Gong search: the configurations already explored, so that reaching one
 * again by another order of the same operations is not explored twice. A configuration is the set
 * of placed answered operations (kept as its 128-bit fingerprint, see {@link Bits}), the model
 * state, and the set of placed operations of unknown outcome.
 *
 * <p>A configuration is also skipped when one with the same answered set and state and a
 * <em>subset</em> of its unknown ones was seen: everything the newer one can still do, the older
 * one could too, since it has more operations left to place or leave out and an unknown one has no
 * return that constrains when (and with a window, fewer placed means no later last call).
 */
final class Cache {

  private static final long[] NONE = new long[0];

  /** Per answered set and state: the placed unknown sets seen, one {@code long[]} or a list of them. */
  private final Map<Key, Object> seen = new HashMap<>();
  private int size;

  /** Records the configuration; false if it, or one that subsumes it, was recorded before. */
  boolean add(Bits answered, RegisterModel.State state, Bits unknown) {
    Key key = new Key(answered.hash1(), answered.hash2(), state);
    Object earlier = seen.get(key);
    long[] placed = unknown.words.length == 0 ? NONE : unknown.words.clone();
    if (earlier == null) {
      seen.put(key, placed);
    } else if (earlier instanceof long[] one) {
      if (Bits.subset(one, unknown.words)) {
        return false;
      }
      List<long[]> several = new ArrayList<>(List.of(one, placed));
      seen.put(key, several);
    } else {
      @SuppressWarnings("unchecked")
      List<long[]> several = (List<long[]>) earlier;
      for (long[] one : several) {
        if (Bits.subset(one, unknown.words)) {
          return false;
        }
      }
      several.add(placed);
    }
    size++;
    return true;
  }

  /** How many configurations were explored. */
  int size() {
    return size;
  }

  /** The answered set's fingerprint and the state. */
  private record Key(long hash1, long hash2, RegisterModel.State state) {}
}
