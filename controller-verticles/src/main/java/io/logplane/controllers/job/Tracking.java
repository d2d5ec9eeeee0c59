package io.logplane.controllers.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * As kube 1.28's trackJobStatusAndRemoveFinalizers: a finished pod is first written into
 * {@code status.uncountedTerminatedPods}, then loses its tracking finalizer, then moves from
 * that list into succeeded or failed — so a pod is counted exactly once whatever fails between
 * the writes, and none is lost to a deletion. The Job gets its final condition only once no pod
 * waits to be counted.
 */
final class Tracking {

  /** kube's MaxUncountedPods: at most this many pods move through the list per sync. */
  private static final int MAX_UNCOUNTED = 500;

  private final JobSync s;

  Tracking(JobSync s) {
    this.s = s;
  }

  void run() {
    boolean indexed = Jobs.indexed(s.job);
    List<ObjectNode> pods = new ArrayList<>(s.pods);
    if (indexed) {
      pods.sort(Comparator.comparingInt(Pods::index));
    }
    Set<String> withFinalizer = new HashSet<>();
    pods.stream().filter(Pods::hasFinalizer).forEach(p -> withFinalizer.add(Metadata.uid(p)));
    countReleased(withFinalizer);
    List<ObjectNode> release = new ArrayList<>();
    List<Integer> newIndexes = new ArrayList<>();
    boolean reachedMax = false;
    for (ObjectNode pod : pods) {
      if (!Pods.hasFinalizer(pod)) {
        continue;
      }
      String uid = Metadata.uid(pod);
      boolean failed = Pods.failed(pod, s.job);
      if (!(Metadata.terminating(s.job) || s.finished != null || Pods.succeeded(pod) || failed)) {
        continue;
      }
      release.add(pod);
      int ix = Pods.index(pod);
      boolean validIndex = ix >= 0 && indexed && ix < Jobs.completions(s.job);
      if (Pods.succeeded(pod) && !s.uncountedFailed.contains(uid)) {
        if (indexed) {
          if (validIndex && !s.prevSucceededIndexes.has(ix)) {
            newIndexes.add(ix);
          }
        } else {
          s.uncountedSucceeded.add(uid);
        }
      } else if ((failed || s.finished != null) && !s.uncountedFailed.contains(uid) && (!indexed || validIndex)
          && PodFailurePolicy.match(s.job, pod).counts()) {
        s.uncountedFailed.add(uid);
      }
      if (newIndexes.size() + s.uncountedSucceeded.size() + s.uncountedFailed.size() >= MAX_UNCOUNTED) {
        reachedMax = true;
        break;
      }
    }
    if (indexed) {
      s.succeededIndexes = s.succeededIndexes.with(newIndexes);
      s.setCount("succeeded", s.succeededIndexes.total());
      s.status.put("completedIndexes", s.succeededIndexes.toString());
    }
    if (s.finished != null && Jobs.FAILURE_TARGET.equals(s.finished.path("type").asText())) {
      s.status.withArray("conditions").add(s.finished);
      s.finished = Jobs.newCondition(Jobs.FAILED, "True", s.finished.path("reason").asText(),
          s.finished.path("message").asText(), s.now);
    }
    if (write()) {
      s.c.backoff.keep(s.key.toString(), s.backoff);
    }
    for (JsonNode pod : s.c.release(release, s.errors)) {
      withFinalizer.remove(Metadata.uid(pod));
    }
    countReleased(withFinalizer);
    if (!s.errors.isEmpty()) {
      write();
      return;
    }
    boolean finishing = !reachedMax && s.finished != null && s.uncountedSucceeded.isEmpty()
        && s.uncountedFailed.isEmpty();
    if (finishing) {
      Jobs.ensureCondition(s.status, s.finished);
      if (Jobs.COMPLETE.equals(s.finished.path("type").asText())) {
        s.status.put("completionTime", s.finished.path("lastTransitionTime").asText());
      }
    }
    write();
    if (finishing) {
      recordFinished();
    }
  }

  /** As cleanUncountedPodsWithoutFinalizers: listed pods that lost their finalizer (or are gone) are counted. */
  private void countReleased(Set<String> withFinalizer) {
    int succeeded = s.uncountedSucceeded.size();
    int failed = s.uncountedFailed.size();
    s.uncountedSucceeded.retainAll(withFinalizer);
    s.uncountedFailed.retainAll(withFinalizer);
    if (!Jobs.indexed(s.job)) {
      s.setCount("succeeded", s.status.path("succeeded").asInt() + succeeded - s.uncountedSucceeded.size());
    }
    s.setCount("failed", s.status.path("failed").asInt() + failed - s.uncountedFailed.size());
  }

  /** Writes the status when it differs from the Job's; true when it did. */
  private boolean write() {
    ObjectNode uncounted = s.status.putObject("uncountedTerminatedPods");
    if (!s.uncountedSucceeded.isEmpty()) {
      s.uncountedSucceeded.forEach(uncounted.putArray("succeeded")::add);
    }
    if (!s.uncountedFailed.isEmpty()) {
      s.uncountedFailed.forEach(uncounted.putArray("failed")::add);
    }
    if (s.status.equals(s.job.path("status"))) {
      return false;
    }
    ObjectNode next = s.job.deepCopy();
    next.set("status", s.status.deepCopy());
    s.job = s.c.writer.updateStatus(s.key, next).join();
    return true;
  }

  private void recordFinished() {
    if (Jobs.COMPLETE.equals(s.finished.path("type").asText())) {
      Integer completions = Jobs.completions(s.job);
      if (completions != null && s.status.path("succeeded").asInt() > completions) {
        s.c.events.warning(s.job, "TooManySucceededPods", "Too many succeeded pods running after completion count reached");
      }
      s.c.events.normal(s.job, "Completed", "Job completed");
    } else {
      s.c.events.warning(s.job, s.finished.path("reason").asText(), s.finished.path("message").asText());
    }
  }
}
