package io.logplane.controllers.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.Reconciler;
import io.logplane.controllers.workload.Claims;
import io.logplane.controllers.workload.Dependents;
import io.logplane.controllers.workload.Owners;
import io.logplane.controllers.workload.Selecting;
import io.logplane.projections.EventRecorder;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.Reason;
import io.logplane.projections.WriteRefused;
import io.logplane.projections.informers.Informer;
import io.logplane.selectors.LabelSelector;
import io.logplane.selectors.SelectorException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * As kube-controller-manager 1.28's job-controller: a Job, woken by its pods and the orphans it
 * selects, claims the pods of its namespace by selector (an adopted pod gets the tracking
 * finalizer, a released one loses it; {@code getPodsForJob}) and is synced by a {@link JobSync}. Pods whose Job is gone, finished or another Job of that name lose their
 * tracking finalizer here, as kube's orphan pod queue does. Every write is waited for: the
 * informers hold it when it answers, so no pod is made twice and kube's expectations are not
 * needed.
 */
public final class JobController implements Reconciler {

  static final String JOBS = "batch/jobs/";
  static final String PODS = "core/pods/";
  /** Pods by the key of their controlling Job; the name is the controller's, as informers are shared. */
  private static final String BY_JOB = "job-controller.owner";

  private final Informer jobs;
  private final Informer pods;
  private final Dependents dependents;
  private final Claims claims;
  final ObjectWriter writer;
  final EventRecorder events;
  final Clock clock;
  final Backoff backoff = new Backoff();

  private JobController(ControllerContext ctx) {
    jobs = ctx.informers().informer(JOBS);
    pods = ctx.informers().informer(PODS);
    pods.addIndex(BY_JOB, p -> {
      for (JsonNode ref : Metadata.ownerReferences(p)) {
        if (ref.path("controller").asBoolean(false) && "Job".equals(ref.path("kind").asText())) {
          return List.of(JOBS + Metadata.text(p, "namespace") + "/" + ref.path("name").asText());
        }
      }
      return List.of();
    });
    dependents = new Dependents(pods);
    writer = ctx.writer("job-controller");
    claims = new Claims(writer, "core", "pods", jobs, Pods.TRACKING_FINALIZER);
    clock = ctx.clock();
    events = new EventRecorder(writer, "job-controller", null, clock);
  }

  /** Jobs, woken by the pods they control and the orphans they select. */
  public static Controller controller(ControllerContext ctx) {
    Selecting selecting = new Selecting(ctx.informers().informer(JOBS), "Job");
    return Controller.named("job").reconciles(JOBS).watches(PODS, selecting::ownersOf).workers(2)
        .build(new JobController(ctx));
  }

  /** The ownerReference of the Job's pods. */
  static ObjectNode controllerRef(JsonNode job) {
    return Owners.newControllerRef(job, "batch/v1", "Job");
  }

  @Override
  public Result reconcile(String key) throws Exception {
    ObjectNode job = jobs.get(key);
    String uid = job == null ? null : Metadata.uid(job);
    List<ObjectNode> ours = new ArrayList<>();
    List<ObjectNode> orphans = new ArrayList<>();
    for (ObjectNode pod : pods.byIndex(BY_JOB, key)) {
      (controlledBy(pod, uid) ? ours : orphans).add(pod);
    }
    if (job == null || Jobs.finished(job)) {
      backoff.forget(key);
      orphans.addAll(ours);
      ours.clear();
    }
    List<Throwable> errors = new ArrayList<>();
    release(orphans.stream().filter(Pods::hasFinalizer).toList(), errors);
    if (!errors.isEmpty()) {
      throw new CompletionException(errors.get(0));
    }
    if (job == null || Jobs.finished(job)) {
      return Result.DONE;
    }
    if (!job.path("spec").hasNonNull("selector")) {
      // Only a Job written around the API lacks it (a CronJob's, until its uid is known): the
      // write that adds it wakes the Job again.
      return Result.DONE;
    }
    String mode = job.path("spec").path("completionMode").asText("NonIndexed");
    if (!mode.equals("NonIndexed") && !mode.equals("Indexed")) {
      events.warning(job, "UnknownCompletionMode", "Skipped Job sync because completion mode is unknown");
      return Result.DONE;
    }
    LabelSelector selector;
    try {
      selector = LabelSelector.fromJson(job.path("spec").path("selector"));
    } catch (SelectorException e) {
      // The API refuses an invalid selector: as kube, the sync fails (and is retried).
      throw new IllegalArgumentException("couldn't convert Job selector: " + e.getMessage(), e);
    }
    ours.addAll(dependents.orphansIn(Metadata.text(job, "namespace")));
    List<ObjectNode> claimed = claims.claim(job, controllerRef(job), selector, ours);
    return new JobSync(this, Key.parse(key), job, claimed).run();
  }

  private static boolean controlledBy(JsonNode pod, String uid) {
    for (JsonNode ref : Metadata.ownerReferences(pod)) {
      if (ref.path("controller").asBoolean(false) && ref.path("uid").asText().equals(uid)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Removes the tracking finalizer from the pods, all at once; answers which lost it. A pod
   * gone meanwhile has lost it too; one changed meanwhile keeps it until the sync its change
   * wakes. Other failures are added to {@code errors}, for the caller to throw once it kept what
   * was done.
   */
  List<JsonNode> release(List<? extends JsonNode> finished, List<Throwable> errors) {
    List<CompletableFuture<JsonNode>> writes = new ArrayList<>();
    for (JsonNode pod : finished) {
      Key k = new Key("core", "pods", Metadata.text(pod, "namespace"), Metadata.text(pod, "name"));
      // the pod as it is now: this sync may just have deleted it
      ObjectNode latest = pods.get(k.toString());
      if (latest == null || !Metadata.uid(pod).equals(Metadata.uid(latest)) || !Pods.hasFinalizer(latest)) {
        writes.add(CompletableFuture.completedFuture(pod));
        continue;
      }
      writes.add(writer.update(k, Pods.withoutFinalizer(latest)).<JsonNode>thenApply(p -> pod)
          .exceptionally(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof WriteRefused r && r.reason() == Reason.NOT_FOUND) {
              return pod;
            }
            if (!(cause instanceof WriteRefused r && r.conflict())) {
              synchronized (errors) {
                errors.add(cause);
              }
            }
            return null;
          }));
    }
    List<JsonNode> released = new ArrayList<>();
    for (CompletableFuture<JsonNode> w : writes) {
      JsonNode pod = w.join();
      if (pod != null) {
        released.add(pod);
      }
    }
    return released;
  }
}
