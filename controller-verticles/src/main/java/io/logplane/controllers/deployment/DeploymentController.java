package io.logplane.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.Reconciler;
import io.logplane.controllers.workload.Claims;
import io.logplane.controllers.workload.Conditions;
import io.logplane.controllers.workload.Indexes;
import io.logplane.controllers.workload.Owners;
import io.logplane.controllers.workload.Selecting;
import io.logplane.projections.Metadata;
import io.logplane.projections.EventRecorder;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.informers.Informer;
import io.logplane.selectors.LabelSelector;
import java.time.Clock;
import java.util.List;

/**
 * Drives a Deployment to its spec ({@code syncDeployment}): claims the ReplicaSets of its
 * namespace by selector, then, unless it is being deleted, only scales while paused or when its
 * replicas changed, and otherwise rolls out by its strategy. A spec it cannot act on (a selector
 * that selects everything or not its own template) gets a condition, and the pass fails so the
 * loop retries it with backoff while it serves every other key.
 */
public final class DeploymentController implements Reconciler {

  public static final String DEPLOYMENTS = "apps/deployments/";
  static final String SETS = "apps/replicasets/";
  static final String PODS = "core/pods/";

  private final Informer deployments;
  private final Informer sets;
  private final Informer pods;
  private final ObjectWriter writer;
  private final EventRecorder events;
  private final Clock clock;
  private final Claims claims;

  public DeploymentController(ControllerContext ctx) {
    this.deployments = Indexes.byNamespace(ctx.informers().informer(DEPLOYMENTS));
    this.sets = Indexes.byNamespace(ctx.informers().informer(SETS));
    this.pods = Indexes.byNamespace(ctx.informers().informer(PODS));
    this.writer = ctx.writer("deployment-controller");
    this.clock = ctx.clock();
    this.events = new EventRecorder(writer, "deployment-controller", null, clock);
    this.claims = new Claims(writer, "apps", "replicasets", deployments);
  }

  /** The declaration: Deployments, the sets that concern them, and the pods of their sets (for Recreate). */
  public static Controller controller(ControllerContext ctx) {
    DeploymentController c = new DeploymentController(ctx);
    Watchers w = new Watchers(c.deployments, c.sets);
    Selecting selecting = new Selecting(c.deployments, "Deployment");
    return Controller.named("deployment").reconciles(DEPLOYMENTS).watches(SETS, selecting::ownersOf)
        .watches(PODS, w::ofPod)
        .build(c);
  }

  @Override
  public Result reconcile(String key) throws Exception {
    ObjectNode d = deployments.get(key);
    if (d == null) {
      return Result.DONE;
    }
    String ns = Metadata.text(d, "namespace");
    Rollout unclaimed = new Rollout(writer, events, clock.instant(), d, List.of());
    String refusal = SpecCheck.refusal(d);
    if (refusal != null) {
      ObjectNode status = unclaimed.statusCopy();
      status.put("observedGeneration", d.path("metadata").path("generation").asInt());
      Conditions.set(status, NewReplicaSet.condition(unclaimed, "False", "ReplicaSetCreateError", refusal));
      unclaimed.writeStatus(status);
      throw new IllegalArgumentException("Deployment " + key + ": " + refusal);
    }
    LabelSelector selector = LabelSelector.fromJson(d.path("spec").path("selector"));
    List<ObjectNode> owned = claims.claim(d, Owners.newControllerRef(d, "apps/v1", "Deployment"), selector,
        sets.byIndex(Indexes.NAMESPACE, ns));
    Rollout r = new Rollout(writer, events, clock.instant(), d, owned);
    if (Metadata.terminating(d)) {
      NewReplicaSet.get(r, sets, false);
      r.writeStatus(RolloutStatus.calculate(r, r.newSet()));
      return Result.DONE;
    }
    Paused.checkConditions(r);
    if (r.d().path("spec").path("paused").asBoolean(false) || Scaling.isScalingEvent(r)) {
      NewReplicaSet.get(r, sets, false);
      Scaling.scale(r, r.newSet(), r.oldSets());
      if (r.d().path("spec").path("paused").asBoolean(false)) {
        Cleanup.oldSets(r);
      }
      r.writeStatus(RolloutStatus.calculate(r, r.newSet()));
      return Result.DONE;
    }
    JsonNode type = d.path("spec").path("strategy").path("type");
    return switch (type.asText("RollingUpdate")) {
      case "Recreate" -> Recreate.rollout(r, sets, pods.byIndex(Indexes.NAMESPACE, ns));
      case "RollingUpdate" -> Rolling.rollout(r, sets);
      default -> throw new IllegalArgumentException("unexpected deployment strategy type: " + type.asText());
    };
  }
}
