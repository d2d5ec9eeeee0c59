package io.logplane.controllers.job;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The completion indexes of an Indexed Job, read from and written to
 * {@code status.completedIndexes} as kube's orderedIntervals do ({@code "1,3-5"}). Pure.
 */
final class Indexes {

  private final TreeSet<Integer> set = new TreeSet<>();

  /** The indexes of the text below {@code completions}; malformed parts are skipped, as kube logs and skips them. */
  static Indexes parse(String text, int completions) {
    Indexes ix = new Indexes();
    if (text == null || text.isEmpty()) {
      return ix;
    }
    for (String part : text.split(",")) {
      try {
        int dash = part.indexOf('-');
        int first = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
        int last = dash < 0 ? first : Integer.parseInt(part.substring(dash + 1));
        for (int i = first; i <= last && i < completions; i++) {
          ix.set.add(i);
        }
      } catch (NumberFormatException e) {
        // as parseIndexesFromString: a part that is no interval is left out
      }
    }
    return ix;
  }

  Indexes with(Collection<Integer> more) {
    Indexes ix = new Indexes();
    ix.set.addAll(set);
    ix.set.addAll(more);
    return ix;
  }

  boolean has(int i) {
    return set.contains(i);
  }

  int total() {
    return set.size();
  }

  /** The first {@code count} indexes below {@code completions} in neither this set nor {@code busy}. */
  List<Integer> firstPending(Collection<Integer> busy, int count, int completions) {
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < completions && found.size() < count; i++) {
      if (!set.contains(i) && !busy.contains(i)) {
        found.add(i);
      }
    }
    return found;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    Integer first = null;
    Integer last = null;
    for (int i : set) {
      if (last != null && i == last + 1) {
        last = i;
        continue;
      }
      append(b, first, last);
      first = i;
      last = i;
    }
    append(b, first, last);
    return b.toString();
  }

  private static void append(StringBuilder b, Integer first, Integer last) {
    if (first == null) {
      return;
    }
    if (b.length() > 0) {
      b.append(',');
    }
    b.append(first);
    if (!last.equals(first)) {
      b.append('-').append(last);
    }
  }
}
