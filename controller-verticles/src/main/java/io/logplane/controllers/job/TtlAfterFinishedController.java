package io.logplane.controllers.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.Reason;
import io.logplane.projections.WriteRefused;
import io.logplane.projections.informers.Informer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;

/**
 * As kube-controller-manager's ttl-after-finished-controller: a finished Job with
 * ttlSecondsAfterFinished is deleted (Foreground, its pods with it, that uid only) once that
 * many seconds passed since it finished; until then its key is looked at again when they end.
 */
public final class TtlAfterFinishedController implements Reconciler {

  private final Informer jobs;
  private final ObjectWriter writer;
  private final Clock clock;

  private TtlAfterFinishedController(ControllerContext ctx) {
    jobs = ctx.informers().informer(JobController.JOBS);
    writer = ctx.writer("ttl-after-finished-controller");
    clock = ctx.clock();
  }

  public static Controller controller(ControllerContext ctx) {
    return Controller.named("ttlafterfinished").reconciles(JobController.JOBS)
        .build(new TtlAfterFinishedController(ctx));
  }

  @Override
  public Result reconcile(String key) throws Exception {
    ObjectNode job = jobs.get(key);
    if (job == null || Metadata.terminating(job)) {
      return Result.DONE;
    }
    JsonNode ttl = job.path("spec").get("ttlSecondsAfterFinished");
    Instant finishedAt = Jobs.finished(job) ? Jobs.finishedAt(job) : null;
    if (ttl == null || ttl.isNull() || finishedAt == null) {
      return Result.DONE;
    }
    Duration left = Duration.between(clock.instant(), finishedAt.plusSeconds(ttl.asLong()));
    if (!left.isNegative() && !left.isZero()) {
      return Result.after(left);
    }
    try {
      writer.delete(Key.parse(key), Metadata.uid(job), "Foreground").join();
    } catch (CompletionException e) {
      // Gone already, or replaced by another Job of that name: its own event brings it here.
      if (!(e.getCause() instanceof WriteRefused r) || r.reason() != Reason.NOT_FOUND && !r.conflict()) {
        throw e;
      }
    }
    return Result.DONE;
  }
}
