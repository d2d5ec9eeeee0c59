package io.logplane.controllers.replicaset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.Reconciler;
import io.logplane.controllers.workload.Claims;
import io.logplane.controllers.workload.Owners;
import io.logplane.controllers.workload.Selecting;
import io.logplane.controllers.workload.Trees;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.EventRecorder;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.informers.Informer;
import io.logplane.selectors.LabelSelector;
import io.logplane.selectors.SelectorException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a set's active pods at {@code spec.replicas} ({@code syncReplicaSet}): claims the pods
 * of its namespace by selector, creates or deletes the difference (at most
 * {@link #BURST_REPLICAS} a pass, as kube's burstReplicas) unless the set is being deleted, and
 * writes the status. A failed create or delete shows as the ReplicaFailure condition and fails
 * the pass, so the loop retries it with backoff.
 */
public final class ReplicaSetController implements Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(ReplicaSetController.class);
  static final int BURST_REPLICAS = 500;

  private final ReplicaSetKind kind;
  private final WorkloadPods index;
  private final Informer sets;
  private final ObjectWriter writer;
  private final Clock clock;
  private final Claims claims;
  private final PodCreation creation;
  private final EventRecorder events;

  public ReplicaSetController(ControllerContext ctx, ReplicaSetKind kind) {
    this.kind = kind;
    this.sets = ctx.informers().informer(kind.prefix());
    this.index = new WorkloadPods(ctx.informers(), kind);
    this.writer = ctx.writer(kind.account());
    this.clock = ctx.clock();
    this.claims = new Claims(writer, "core", "pods", sets);
    this.events = new EventRecorder(writer, kind.account(), null, clock);
    this.creation = new PodCreation(writer, events);
  }

  /** The declaration: sets, and the pods that concern them (by controller, or by selector for orphans). */
  public static Controller controller(ControllerContext ctx, ReplicaSetKind kind) {
    ReplicaSetController c = new ReplicaSetController(ctx, kind);
    Selecting selecting = new Selecting(c.sets, kind.kind(), kind::selector);
    return Controller.named(kind.name()).reconciles(kind.prefix()).watches(WorkloadPods.PODS, selecting::ownersOf)
        .build(c);
  }

  @Override
  public Result reconcile(String key) throws Exception {
    ObjectNode set = sets.get(key);
    if (set == null) {
      return Result.DONE;
    }
    LabelSelector selector;
    try {
      selector = kind.selector(set);
    } catch (SelectorException e) {
      // As kube: an invalid selector (the API refuses one) is logged, not retried.
      LOG.warn("{} {} has an invalid selector: {}", kind.kind(), key, e.getMessage());
      return Result.DONE;
    }
    ObjectNode ref = Owners.newControllerRef(set, kind.apiVersion(), kind.kind());
    List<ObjectNode> pods = claims.claim(set, ref, selector, index.activeIn(Metadata.text(set, "namespace")));
    int diff = pods.size() - set.path("spec").path("replicas").asInt(1);
    Exception failure = null;
    Instant now = clock.instant();
    if (!Metadata.terminating(set) && diff != 0) {
      try {
        if (diff < 0 && !selector.matches(set.path("spec").path("template").path("metadata").path("labels"))) {
          // The API refuses such a set; should one get through, its pods would never be its own.
          throw new IllegalArgumentException("spec.template.metadata.labels: Invalid value: "
              + set.path("spec").path("template").path("metadata").path("labels")
              + ": `selector` does not match template `labels`");
        } else if (diff < 0) {
          creation.create(set, ref, Math.min(-diff, BURST_REPLICAS));
        } else {
          List<ObjectNode> victims = PodsToDelete.choose(pods, index.related(set), Math.min(diff, BURST_REPLICAS), now);
          index.delete(writer, victims);
          victims.forEach(p -> events.normal(set, "SuccessfulDelete", "Deleted pod: " + Metadata.text(p, "name")));
        }
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        failure = e;
      }
    }
    List<ObjectNode> owned = index.controlledBy(set);
    ObjectNode status = ReplicaSetStatus.of(set, owned, diff < 0 ? "FailedCreate" : "FailedDelete", failure, now);
    if (!Trees.same(status, set.get("status"))) {
      ObjectNode next = Metadata.withOwnMetadata(set);
      next.set("status", status);
      writer.updateStatus(Key.parse(key), next).get();
    }
    if (failure != null) {
      throw failure;
    }
    int minReady = set.path("spec").path("minReadySeconds").asInt();
    int replicas = set.path("spec").path("replicas").asInt(1);
    if (minReady > 0 && status.path("readyReplicas").asInt() == replicas
        && status.path("availableReplicas").asInt() != replicas) {
      return Result.after(Duration.ofSeconds(minReady));
    }
    return Result.DONE;
  }
}
