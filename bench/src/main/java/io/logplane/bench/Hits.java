package io.logplane.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The requests of a failover run, each with the moment it was sent (nanoseconds) and who
 * answered it (the pod's name, as its body says): how they spread, and the last one a given
 * pod answered. Safe to record from many threads.
 */
final class Hits {
  private record Hit(long sentAt, String by) {}

  private final List<Hit> hits = new ArrayList<>();

  synchronized void record(long sentAt, String by) {
    hits.add(new Hit(sentAt, by.strip()));
  }

  synchronized int size() {
    return hits.size();
  }

  /** How many requests each answerer answered, by name. */
  synchronized Map<String, Integer> byAnswerer() {
    Map<String, Integer> counts = new TreeMap<>();
    hits.forEach(h -> counts.merge(h.by(), 1, Integer::sum));
    return counts;
  }

  /** The send time of the last request {@code by} answered, or {@code Long.MIN_VALUE} for none. */
  synchronized long lastSentTo(String by) {
    long last = Long.MIN_VALUE;
    for (Hit h : hits) {
      if (h.by().equals(by)) {
        last = Math.max(last, h.sentAt());
      }
    }
    return last;
  }

  /** How many requests sent after {@code from} others than {@code by} answered. */
  synchronized int othersAfter(String by, long from) {
    return (int) hits.stream().filter(h -> h.sentAt() > from && !h.by().equals(by)).count();
  }
}
