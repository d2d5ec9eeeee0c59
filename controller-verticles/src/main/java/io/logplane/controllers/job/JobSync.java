package io.logplane.controllers.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Reconciler.Result;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;

/**
 * One sync of a Job, as kube 1.28's syncJob: counts its pods (those not yet counted carry the
 * tracking finalizer), decides whether it failed (pod failure policy, backoffLimit, deadline)
 * or completed, else lets {@link ManageJob} make or delete pods, and hands the status to
 * {@link Tracking}. Used once.
 */
final class JobSync {

  final JobController c;
  final Key key;
  ObjectNode job;
  final ObjectNode status;
  final List<ObjectNode> pods;
  final List<ObjectNode> active;
  final Instant now;
  final Set<String> uncountedSucceeded;
  final Set<String> uncountedFailed;
  int succeeded;
  /** The condition the Job finishes with once every pod is counted, or null. */
  ObjectNode finished;
  Indexes prevSucceededIndexes;
  Indexes succeededIndexes;
  Backoff.Record backoff;
  final List<Throwable> errors = new ArrayList<>();
  private Duration requeue;

  JobSync(JobController c, Key key, ObjectNode job, List<ObjectNode> pods) {
    this.c = c;
    this.key = key;
    this.job = job;
    this.status = job.path("status").isObject() ? job.path("status").deepCopy() : job.objectNode();
    this.pods = pods;
    this.active = pods.stream().filter(Pods::active).toList();
    this.now = c.clock.instant();
    this.uncountedSucceeded = uids(status.path("uncountedTerminatedPods").path("succeeded"));
    this.uncountedFailed = uids(status.path("uncountedTerminatedPods").path("failed"));
  }

  Result run() {
    List<JsonNode> newSucceeded = newFinished(uncountedSucceeded, Pods::succeeded);
    List<JsonNode> newFailed = newFinished(uncountedFailed, p -> Pods.failed(p, job));
    succeeded = status.path("succeeded").asInt() + newSucceeded.size() + uncountedSucceeded.size();
    int failed = status.path("failed").asInt() + uncountedFailed.size()
        + (int) newFailed.stream().filter(p -> PodFailurePolicy.match(job, p).counts()).count();
    if (!status.hasNonNull("startTime") && !Jobs.suspended(job)) {
      status.put("startTime", Metadata.time(now.toEpochMilli()));
    }
    backoff = c.backoff.next(key.toString(), newSucceeded, newFailed, now);
    decideFailure(failed);
    if (Jobs.indexed(job)) {
      int completions = Jobs.completions(job);
      prevSucceededIndexes = Indexes.parse(status.path("completedIndexes").asText(""), completions);
      List<Integer> more = new ArrayList<>();
      for (ObjectNode p : pods) {
        int ix = Pods.index(p);
        if (Pods.succeeded(p) && ix >= 0 && ix < completions && Pods.hasFinalizer(p)) {
          more.add(ix);
        }
      }
      succeededIndexes = prevSucceededIndexes.with(more);
      succeeded = succeededIndexes.total();
    }
    int activeCount = active.size();
    if (finished != null) {
      int deleted = ManageJob.delete(this, active);
      if (deleted != activeCount) {
        finished = null;
      }
      activeCount -= deleted;
    } else {
      boolean managed = !Metadata.terminating(job);
      if (managed) {
        activeCount = new ManageJob(this).run();
      }
      Integer completions = Jobs.completions(job);
      boolean complete = activeCount == 0 && (completions == null ? succeeded > 0 : succeeded >= completions);
      if (complete) {
        finished = Jobs.newCondition(Jobs.COMPLETE, "True", "", "", now);
      } else if (managed) {
        suspension();
      }
    }
    setCount("active", activeCount);
    status.put("ready", (int) active.stream().filter(Pods::ready).count());
    new Tracking(this).run();
    if (!errors.isEmpty()) {
      throw new CompletionException(errors.get(0));
    }
    return requeue == null ? Result.DONE : Result.after(requeue);
  }

  private void decideFailure(int failed) {
    JsonNode target = Jobs.condition(status, Jobs.FAILURE_TARGET);
    if (target != null && "True".equals(target.path("status").asText())) {
      finished = Jobs.newCondition(Jobs.FAILED, "True", target.path("reason").asText(""),
          target.path("message").asText(""), now);
      return;
    }
    for (ObjectNode p : pods) {
      String message = Pods.failed(p, job) ? PodFailurePolicy.match(job, p).failJobMessage() : null;
      if (message != null) {
        finished = Jobs.newCondition(Jobs.FAILURE_TARGET, "True", "PodFailurePolicy", message, now);
        return;
      }
    }
    if (failed > Jobs.backoffLimit(job) || pastBackoffLimitOnFailure()) {
      finished = Jobs.newCondition(Jobs.FAILED, "True", "BackoffLimitExceeded",
          "Job has reached the specified backoff limit", now);
      return;
    }
    JsonNode deadline = job.path("spec").get("activeDeadlineSeconds");
    if (deadline == null || deadline.isNull() || Jobs.suspended(job) || !status.hasNonNull("startTime")) {
      return;
    }
    Duration left = Duration.between(now, Instant.parse(status.path("startTime").asText()))
        .plusSeconds(deadline.asLong());
    if (left.isNegative() || left.isZero()) {
      finished = Jobs.newCondition(Jobs.FAILED, "True", "DeadlineExceeded",
          "Job was active longer than specified deadline", now);
    } else {
      requeueAfter(left);
    }
  }

  private boolean pastBackoffLimitOnFailure() {
    if (!"OnFailure".equals(job.path("spec").path("template").path("spec").path("restartPolicy").asText())) {
      return false;
    }
    int restarts = pods.stream().mapToInt(Pods::restarts).sum();
    int limit = Jobs.backoffLimit(job);
    return limit == 0 ? restarts > 0 : restarts >= limit;
  }

  /** The Suspended condition as the spec says; resuming starts the deadline's clock again. */
  private void suspension() {
    boolean suspended = Jobs.suspended(job);
    ObjectNode wanted = suspended ? Jobs.newCondition(Jobs.SUSPENDED, "True", "JobSuspended", "Job suspended", now)
        : Jobs.newCondition(Jobs.SUSPENDED, "False", "JobResumed", "Job resumed", now);
    if (Jobs.ensureCondition(status, wanted)) {
      c.events.normal(job, suspended ? "Suspended" : "Resumed", suspended ? "Job suspended" : "Job resumed");
      if (!suspended) {
        status.put("startTime", Metadata.time(now.toEpochMilli()));
      }
    }
  }

  /** Pods finished and not yet counted: with the finalizer, not in the uncounted list, of a valid index. */
  private List<JsonNode> newFinished(Set<String> uncounted, Predicate<JsonNode> filter) {
    List<JsonNode> found = new ArrayList<>();
    for (ObjectNode p : pods) {
      if (!Pods.hasFinalizer(p) || uncounted.contains(Metadata.uid(p))) {
        continue;
      }
      if (Jobs.indexed(job) && (Pods.index(p) < 0 || Pods.index(p) >= Jobs.completions(job))) {
        continue;
      }
      if (filter.test(p)) {
        found.add(p);
      }
    }
    return found;
  }

  void requeueAfter(Duration d) {
    requeue = requeue == null || d.compareTo(requeue) < 0 ? d : requeue;
  }

  /** Sets a counter of the status, left out at 0 as kube's omitempty does. */
  void setCount(String field, int n) {
    if (n == 0) {
      status.remove(field);
    } else {
      status.put(field, n);
    }
  }

  private static Set<String> uids(JsonNode list) {
    Set<String> s = new LinkedHashSet<>();
    list.forEach(u -> s.add(u.asText()));
    return s;
  }
}
