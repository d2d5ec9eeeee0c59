package io.logplane.controllers.cronjob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.EventRecorder;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.Reason;
import io.logplane.projections.WriteRefused;
import io.logplane.projections.informers.Informer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * As kube-controller-manager 1.28's cronjob-controller: a CronJob, woken by its Jobs and by
 * its own requeue at the next schedule time (on the context's clock), has its finished Jobs
 * cleaned up and is synced by a {@link CronJobSync}; its status is written once at the end.
 */
public final class CronJobController implements Reconciler {

  static final String CRONJOBS = "batch/cronjobs/";
  static final String JOBS = "batch/jobs/";
  /** Jobs by the key of their controlling CronJob; named for the controller, as informers are shared. */
  private static final String BY_CRONJOB = "cronjob-controller.owner";

  final Informer jobs;
  private final Informer cronJobs;
  final ObjectWriter writer;
  final EventRecorder events;
  final Clock clock;

  private CronJobController(ControllerContext ctx) {
    cronJobs = ctx.informers().informer(CRONJOBS);
    jobs = ctx.informers().informer(JOBS);
    jobs.addIndex(BY_CRONJOB, j -> {
      for (JsonNode ref : Metadata.ownerReferences(j)) {
        if (ref.path("controller").asBoolean(false) && "CronJob".equals(ref.path("kind").asText())) {
          return List.of(CRONJOBS + Metadata.text(j, "namespace") + "/" + ref.path("name").asText());
        }
      }
      return List.of();
    });
    writer = ctx.writer("cronjob-controller");
    clock = ctx.clock();
    events = new EventRecorder(writer, "cronjob-controller", null, clock);
  }

  /** CronJobs, woken by the Jobs they control. */
  public static Controller controller(ControllerContext ctx) {
    return Controller.named("cronjob").reconciles(CRONJOBS).owns(JOBS, "CronJob").build(new CronJobController(ctx));
  }

  @Override
  public Result reconcile(String key) throws Exception {
    ObjectNode stored = cronJobs.get(key);
    if (stored == null) {
      return Result.DONE;
    }
    List<ObjectNode> children = new ArrayList<>();
    for (ObjectNode j : jobs.byIndex(BY_CRONJOB, key)) {
      if (controlledBy(j, Metadata.uid(stored))) {
        children.add(completeSelector(j));
      }
    }
    ObjectNode cronJob = stored.deepCopy();
    if (!cronJob.path("status").isObject()) {
      cronJob.putObject("status");
    }
    boolean cleaned = History.cleanup(this, cronJob, children);
    CronJobSync sync = new CronJobSync(this, Key.parse(key), cronJob, children);
    Duration requeue = sync.run();
    if (cleaned || sync.statusChanged) {
      writer.updateStatus(Key.parse(key), cronJob).join();
    }
    return requeue == null ? Result.DONE : Result.after(requeue);
  }

  /** As deleteJob: deletes a Job (Background) and drops it from the active list; false when that failed. */
  boolean deleteJob(ObjectNode cronJob, JsonNode job) {
    Key k = new Key("batch", "jobs", Metadata.text(job, "namespace"), Metadata.text(job, "name"));
    try {
      writer.delete(k, Metadata.uid(job), "Background").join();
    } catch (CompletionException e) {
      if (!(e.getCause() instanceof WriteRefused r && r.reason() == Reason.NOT_FOUND)) {
        events.warning(cronJob, "FailedDelete", "Deleted job: " + e.getCause().getMessage());
        return false;
      }
    }
    CronJobs.removeActive(cronJob, Metadata.uid(job));
    events.normal(cronJob, "SuccessfulDelete", "Deleted job " + Metadata.text(job, "name"));
    return true;
  }

  /** Gives a Job made here the selector the API would have generated, once its uid is known. */
  ObjectNode completeSelector(ObjectNode job) {
    ObjectNode next = JobFromTemplate.withSelector(job);
    if (next == null) {
      return job;
    }
    return writer.update(new Key("batch", "jobs", Metadata.text(job, "namespace"), Metadata.text(job, "name")), next)
        .join();
  }

  private static boolean controlledBy(JsonNode job, String uid) {
    for (JsonNode ref : Metadata.ownerReferences(job)) {
      if (ref.path("controller").asBoolean(false) && ref.path("uid").asText().equals(uid)) {
        return true;
      }
    }
    return false;
  }
}
