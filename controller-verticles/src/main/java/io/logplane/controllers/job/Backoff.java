package io.logplane.controllers.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The delay before a Job's failed pods are made again, as kube's backoffStore: per Job, the
 * failures since its last success and when the last one ended; the delay is 10 s doubled per
 * further failure, at most 10 minutes, counted from that end. Held in memory as kube holds it: a
 * restarted controller starts over without delay.
 */
final class Backoff {

  static final Duration BASE = Duration.ofSeconds(10);
  static final Duration MAX = Duration.ofMinutes(10);

  /** One Job's record. */
  record Record(int failuresAfterLastSuccess, Instant lastFailure) {

    static final Record NONE = new Record(0, null);

    /** How long to wait still before making a pod, zero when none. */
    Duration remaining(Instant now) {
      if (failuresAfterLastSuccess == 0) {
        return Duration.ZERO;
      }
      Duration d = BASE;
      for (int i = 1; i < failuresAfterLastSuccess && d.compareTo(MAX) < 0; i++) {
        d = d.multipliedBy(2);
      }
      d = d.compareTo(MAX) > 0 ? MAX : d;
      Duration elapsed = Duration.between(lastFailure, now);
      return d.compareTo(elapsed) < 0 ? Duration.ZERO : d.minus(elapsed);
    }
  }

  private final Map<String, Record> records = new ConcurrentHashMap<>();

  /** The record once the newly finished pods are taken in (as newBackoffRecord); not kept until {@link #keep}. */
  Record next(String key, List<JsonNode> newSucceeded, List<JsonNode> newFailed, Instant now) {
    Record old = records.getOrDefault(key, Record.NONE);
    if (newFailed.isEmpty()) {
      return newSucceeded.isEmpty() ? old : Record.NONE;
    }
    Instant lastFailure = latest(newFailed, now);
    if (newSucceeded.isEmpty()) {
      return new Record(old.failuresAfterLastSuccess() + newFailed.size(), lastFailure);
    }
    Instant lastSuccess = latest(newSucceeded, now);
    int after = 0;
    for (JsonNode p : newFailed) {
      after += Pods.finishedAt(p, now).isAfter(lastSuccess) ? 1 : 0;
    }
    return after == 0 ? Record.NONE : new Record(after, lastFailure);
  }

  void keep(String key, Record r) {
    records.put(key, r);
  }

  void forget(String key) {
    records.remove(key);
  }

  private static Instant latest(List<JsonNode> pods, Instant now) {
    Instant last = Instant.MIN;
    for (JsonNode p : pods) {
      Instant at = Pods.finishedAt(p, now);
      last = at.isAfter(last) ? at : last;
    }
    return last;
  }
}
