package io.logplane.controllers.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.Reason;
import io.logplane.projections.WriteRefused;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * As kube 1.28's manageJob: as many active pods as parallelism allows and completions still
 * need (none while suspended), deleting first, else creating — after the backoff delay of past
 * failures, in batches of 1, 2, 4, ... that stop at the first failing batch. An Indexed Job's
 * new pods take the lowest indexes neither succeeded nor running.
 */
final class ManageJob {

  private static final int MAX_PER_SYNC = 500;

  private final JobSync s;

  ManageJob(JobSync s) {
    this.s = s;
  }

  /** Makes or deletes pods; answers how many are active then. */
  int run() {
    int active = s.active.size();
    if (Jobs.suspended(s.job)) {
      return active - delete(s, s.active);
    }
    Integer completions = Jobs.completions(s.job);
    int parallelism = Jobs.parallelism(s.job);
    int want = completions == null ? (s.succeeded > 0 ? active : parallelism)
        : Math.max(0, Math.min(parallelism, completions - s.succeeded));
    List<ObjectNode> remove = forRemoval(Math.max(0, active - want));
    if (!remove.isEmpty()) {
      return active - delete(s, remove.subList(0, Math.min(MAX_PER_SYNC, remove.size())));
    }
    int diff = Math.min(MAX_PER_SYNC, want - active);
    if (diff <= 0) {
      return active;
    }
    Duration wait = s.backoff.remaining(s.now);
    if (!wait.isZero()) {
      // kube 1.28 reports 0 active here; the pods that run are counted instead, as later releases do
      s.requeueAfter(wait);
      return active;
    }
    List<Integer> indexes = new ArrayList<>();
    if (Jobs.indexed(s.job)) {
      Set<Integer> busy = new HashSet<>();
      s.active.forEach(p -> busy.add(Pods.index(p)));
      indexes = s.succeededIndexes.firstPending(busy, diff, completions);
      diff = indexes.size();
    }
    return active + create(diff, indexes);
  }

  private int create(int count, List<Integer> indexes) {
    int created = 0;
    for (int batch = Math.min(count, 1); count > 0; batch = Math.min(2 * batch, count)) {
      List<CompletableFuture<ObjectNode>> writes = new ArrayList<>();
      for (int i = 0; i < batch; i++) {
        ObjectNode pod = PodTemplates.pod(s.job, indexes.isEmpty() ? -1 : indexes.remove(0));
        writes.add(s.c.writer.create(new Key("core", "pods", s.key.namespace(), ""), pod));
      }
      int failures = 0;
      for (CompletableFuture<ObjectNode> w : writes) {
        try {
          ObjectNode pod = w.join();
          created++;
          s.c.events.normal(s.job, "SuccessfulCreate", "Created pod: " + Metadata.text(pod, "name"));
        } catch (CompletionException e) {
          failures++;
          s.errors.add(e.getCause());
          s.c.events.warning(s.job, "FailedCreate", "Error creating: " + e.getCause().getMessage());
        }
      }
      count -= batch;
      if (failures > 0) {
        break;
      }
    }
    return created;
  }

  /** Deletes the pods; answers how many are gone or going (a pod already gone counts). */
  static int delete(JobSync s, List<ObjectNode> pods) {
    List<CompletableFuture<ObjectNode>> writes = new ArrayList<>();
    for (ObjectNode p : pods) {
      writes.add(s.c.writer.delete(new Key("core", "pods", s.key.namespace(), Metadata.text(p, "name")),
          Metadata.uid(p), null));
    }
    int deleted = 0;
    for (int i = 0; i < writes.size(); i++) {
      try {
        writes.get(i).join();
        deleted++;
        s.c.events.normal(s.job, "SuccessfulDelete", "Deleted pod: " + Metadata.text(pods.get(i), "name"));
      } catch (CompletionException e) {
        if (e.getCause() instanceof WriteRefused r && r.reason() == Reason.NOT_FOUND) {
          deleted++;
        } else {
          s.errors.add(e.getCause());
        }
      }
    }
    return deleted;
  }

  /**
   * As activePodsForRemoval: an Indexed Job's pods of no valid index and the extra pods of an
   * index first, then in {@link Pods#REMOVAL_ORDER}.
   */
  private List<ObjectNode> forRemoval(int atLeast) {
    List<ObjectNode> rm = new ArrayList<>();
    List<ObjectNode> left = new ArrayList<>(s.active);
    if (Jobs.indexed(s.job)) {
      left.clear();
      Map<Integer, List<ObjectNode>> byIndex = new TreeMap<>();
      for (ObjectNode p : s.active) {
        int ix = Pods.index(p);
        if (ix < 0 || ix >= Jobs.completions(s.job)) {
          rm.add(p);
        } else {
          byIndex.computeIfAbsent(ix, k -> new ArrayList<>()).add(p);
        }
      }
      for (List<ObjectNode> same : byIndex.values()) {
        same.sort(Pods.REMOVAL_ORDER);
        rm.addAll(same.subList(0, same.size() - 1));
        left.add(same.get(same.size() - 1));
      }
    }
    if (rm.size() < atLeast) {
      left.sort(Pods.REMOVAL_ORDER);
      rm.addAll(left.subList(0, atLeast - rm.size()));
    }
    return rm;
  }
}
