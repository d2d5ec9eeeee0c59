package io.logplane.controllers.cronjob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * As cleanupFinishedJobs: beyond successfulJobsHistoryLimit Complete and failedJobsHistoryLimit
 * Failed Jobs, the oldest (by start time) are deleted and leave the active list.
 */
final class History {

  private History() {}

  /** Deletes what is beyond the limits; true when the CronJob's status changed. */
  static boolean cleanup(CronJobController c, ObjectNode cronJob, List<ObjectNode> jobs) {
    JsonNode spec = cronJob.path("spec");
    boolean changed = false;
    for (String[] kind : new String[][] {{"Complete", "successfulJobsHistoryLimit"}, {"Failed", "failedJobsHistoryLimit"}}) {
      JsonNode limit = spec.get(kind[1]);
      if (limit == null || limit.isNull()) {
        continue;
      }
      List<ObjectNode> finished = new ArrayList<>();
      jobs.stream().filter(j -> kind[0].equals(CronJobs.finished(j))).forEach(finished::add);
      int excess = finished.size() - limit.asInt();
      if (excess <= 0) {
        continue;
      }
      finished.sort(BY_START_TIME);
      for (ObjectNode job : finished.subList(0, excess)) {
        changed |= c.deleteJob(cronJob, job);
      }
    }
    return changed;
  }

  /** As byJobStartTime: Jobs not started last, then by start time, then by name. */
  private static final Comparator<JsonNode> BY_START_TIME = Comparator
      .<JsonNode, Boolean>comparing(j -> j.path("status").path("startTime").asText("").isEmpty())
      .thenComparing(j -> j.path("status").path("startTime").asText(""))
      .thenComparing(j -> Metadata.text(j, "name"));
}
