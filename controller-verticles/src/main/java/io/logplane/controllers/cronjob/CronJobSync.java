package io.logplane.controllers.cronjob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.WriteRefused;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * One sync of a CronJob, as kube 1.28's syncCronJob: the active list follows its Jobs (finished
 * ones leave it, missing ones too, lastSuccessfulTime moves on); then, unless it is being
 * deleted, suspended, or its schedule or zone do not parse, the schedule time it is due for is
 * started — unless missed by more than startingDeadlineSeconds, already started, or forbidden
 * by concurrencyPolicy (Replace deletes the running Jobs first). Answers when to look again.
 */
final class CronJobSync {

  private static final DateTimeFormatter RFC1123Z = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z")
      .withLocale(java.util.Locale.US).withZone(ZoneOffset.UTC);

  private final CronJobController c;
  private final Key key;
  private final ObjectNode cronJob;
  private final List<ObjectNode> jobs;
  private final Instant now;
  boolean statusChanged;

  CronJobSync(CronJobController c, Key key, ObjectNode cronJob, List<ObjectNode> jobs) {
    this.c = c;
    this.key = key;
    this.cronJob = cronJob;
    this.jobs = jobs;
    this.now = c.clock.instant();
  }

  Duration run() {
    followJobs();
    JsonNode spec = cronJob.path("spec");
    if (Metadata.terminating(cronJob)) {
      return null;
    }
    String zone = spec.path("timeZone").asText("");
    String text = spec.path("schedule").asText("");
    if (spec.hasNonNull("timeZone")) {
      try {
        Schedule.zone(zone);
      } catch (IllegalArgumentException e) {
        c.events.warning(cronJob, "UnknownTimeZone", "invalid timeZone: \"" + zone + "\": " + e.getMessage());
        return null;
      }
    }
    if (spec.path("suspend").asBoolean(false)) {
      return null;
    }
    if (text.contains("TZ")) {
      c.events.warning(cronJob, "UnsupportedSchedule", "CRON_TZ or TZ used in schedule \"" + text + "\" is not "
          + "officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details");
    } else if (spec.hasNonNull("timeZone")) {
      text = "TZ=" + zone + " " + text;
    }
    Schedule schedule;
    ScheduleTimes.Recent due;
    try {
      schedule = Schedule.parse(text, c.clock.getZone());
    } catch (IllegalArgumentException e) {
      c.events.warning(cronJob, "UnparseableSchedule", "unparseable schedule: \"" + spec.path("schedule").asText()
          + "\" : " + e.getMessage());
      return null;
    }
    try {
      due = ScheduleTimes.mostRecent(cronJob, now, schedule, true);
    } catch (IllegalArgumentException e) {
      c.events.warning(cronJob, "InvalidSchedule", "invalid schedule: " + spec.path("schedule").asText() + " : "
          + e.getMessage());
      return null;
    }
    Duration next = ScheduleTimes.untilNext(cronJob, now, schedule);
    Instant scheduled = due.mostRecent();
    if (scheduled == null) {
      return next;
    }
    if (due.missed() > ScheduleTimes.MANY_MISSED) {
      c.events.warning(cronJob, "TooManyMissedTimes",
          "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew");
    }
    JsonNode deadline = spec.get("startingDeadlineSeconds");
    if (deadline != null && !deadline.isNull() && scheduled.plusSeconds(deadline.asLong()).isBefore(now)) {
      c.events.warning(cronJob, "MissSchedule", "Missed scheduled time to start a job: " + RFC1123Z.format(scheduled));
      return next;
    }
    String last = cronJob.path("status").path("lastScheduleTime").asText("");
    if (CronJobs.inActiveByName(cronJob, JobFromTemplate.name(cronJob, scheduled))
        || (!last.isEmpty() && Instant.parse(last).equals(scheduled))) {
      return next;
    }
    String policy = spec.path("concurrencyPolicy").asText("Allow");
    if (policy.equals("Forbid") && cronJob.path("status").path("active").size() > 0) {
      c.events.normal(cronJob, "JobAlreadyActive",
          "Not starting job because prior execution is running and concurrency policy is Forbid");
      return next;
    }
    if (policy.equals("Replace")) {
      for (JsonNode ref : toList(cronJob.path("status").path("active"))) {
        ObjectNode job = c.jobs.get(CronJobController.JOBS + ref.path("namespace").asText() + "/"
            + ref.path("name").asText());
        if (job != null && !c.deleteJob(cronJob, job)) {
          throw new IllegalStateException("could not replace job " + ref.path("namespace").asText() + "/"
              + ref.path("name").asText());
        }
        statusChanged = true;
      }
    }
    ObjectNode made = create(JobFromTemplate.job(cronJob, scheduled, schedule));
    if (made == null) {
      return null;
    }
    CronJobs.addActive(cronJob, made);
    cronJob.with("status").put("lastScheduleTime", Metadata.time(scheduled.toEpochMilli()));
    statusChanged = true;
    return next;
  }

  /** Creates the Job; answers it, or null when one of that name exists that this CronJob does not control or lists already. */
  private ObjectNode create(ObjectNode job) {
    Key k = new Key("batch", "jobs", key.namespace(), Metadata.text(job, "name"));
    try {
      ObjectNode made = c.writer.create(k, job).join();
      c.events.normal(cronJob, "SuccessfulCreate", "Created job " + Metadata.text(made, "name"));
      return c.completeSelector(made);
    } catch (CompletionException e) {
      if (!(e.getCause() instanceof WriteRefused r) || r.conflict() || r.reason() != io.logplane.projections.Reason.ALREADY_EXISTS) {
        c.events.warning(cronJob, "FailedCreate", "Error creating job: " + e.getCause().getMessage());
        throw e;
      }
    }
    ObjectNode existing = c.jobs.get(k.toString());
    if (existing == null || !ownedHere(existing) || CronJobs.inActive(cronJob, Metadata.uid(existing))) {
      return null;
    }
    return existing;
  }

  private boolean ownedHere(JsonNode job) {
    for (JsonNode ref : Metadata.ownerReferences(job)) {
      if (ref.path("controller").asBoolean(false) && ref.path("uid").asText().equals(Metadata.uid(cronJob))) {
        return true;
      }
    }
    return false;
  }

  /** The active list follows the Jobs: finished ones leave it, missing ones too; lastSuccessfulTime moves on. */
  private void followJobs() {
    Set<String> children = new HashSet<>();
    for (ObjectNode j : jobs) {
      String uid = Metadata.uid(j);
      children.add(uid);
      boolean listed = CronJobs.inActive(cronJob, uid);
      String finished = CronJobs.finished(j);
      if (!listed && finished == null) {
        c.events.warning(cronJob, "UnexpectedJob", "Saw a job that the controller did not create or forgot: "
            + Metadata.text(j, "name"));
      } else if (listed && finished != null) {
        CronJobs.removeActive(cronJob, uid);
        c.events.normal(cronJob, "SawCompletedJob", "Saw completed job: " + Metadata.text(j, "name") + ", status: "
            + finished);
        statusChanged = true;
      } else if (finished != null) {
        String completion = j.path("status").path("completionTime").asText("");
        String lastSuccess = cronJob.path("status").path("lastSuccessfulTime").asText("");
        if (!completion.isEmpty() && (lastSuccess.isEmpty() || Instant.parse(completion).isAfter(Instant.parse(lastSuccess)))) {
          cronJob.with("status").put("lastSuccessfulTime", completion);
          statusChanged = true;
        }
      }
    }
    for (JsonNode ref : toList(cronJob.path("status").path("active"))) {
      if (!children.contains(ref.path("uid").asText())) {
        c.events.normal(cronJob, "MissingJob", "Active job went missing: " + ref.path("name").asText());
        CronJobs.removeActive(cronJob, ref.path("uid").asText());
        statusChanged = true;
      }
    }
  }

  private static List<JsonNode> toList(JsonNode array) {
    java.util.ArrayList<JsonNode> l = new java.util.ArrayList<>();
    array.forEach(l::add);
    return l;
  }
}
