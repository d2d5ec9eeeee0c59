package io.logplane.controllers.disruption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.informers.Informer;
import io.logplane.projections.policy.Budgets;
import io.logplane.projections.policy.Pods;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * As kube-controller-manager's disruption controller: {@code expectedPods}, {@code desiredHealthy}
 * (minAvailable, or the expected count less maxUnavailable; percents of the controllers' scale,
 * rounded up), {@code currentHealthy} (ready pods not being deleted nor just evicted),
 * {@code disruptionsAllowed}, {@code observedGeneration} and the DisruptionAllowed condition,
 * written at the budget's resourceVersion when they change. An eviction noted in
 * {@code disruptedPods} is forgotten once its pod is being deleted, or after two minutes.
 */
public final class DisruptionController implements Reconciler {

  static final String BUDGETS = "policy/poddisruptionbudgets/";
  static final String PODS = "core/pods/";
  private static final Duration DELETION_TIMEOUT = Duration.ofMinutes(2);
  private static final String BY_NAMESPACE = "namespace";

  private final Informer budgets;
  private final Informer pods;
  private final Scales scales;
  private final ObjectWriter writer;
  private final Clock clock;

  private DisruptionController(ControllerContext ctx) {
    budgets = ctx.informers().informer(BUDGETS);
    pods = ctx.informers().informer(PODS);
    budgets.addIndex(BY_NAMESPACE, o -> List.of(String.valueOf(Metadata.text(o, "namespace"))));
    pods.addIndex(BY_NAMESPACE, o -> List.of(String.valueOf(Metadata.text(o, "namespace"))));
    scales = new Scales(ctx.informers());
    writer = ctx.writer("disruption-controller");
    clock = ctx.clock();
  }

  public static Controller controller(ControllerContext ctx) {
    DisruptionController c = new DisruptionController(ctx);
    return Controller.named("disruption").reconciles(BUDGETS).watches(PODS, c::budgetsOf).build(c);
  }

  private List<String> budgetsOf(ObjectNode pod) {
    String ns = String.valueOf(Metadata.text(pod, "namespace"));
    List<String> keys = new ArrayList<>();
    for (ObjectNode b : budgets.byIndex(BY_NAMESPACE, ns)) {
      if (Budgets.covers(b, pod)) {
        keys.add(BUDGETS + ns + "/" + Metadata.text(b, "name"));
      }
    }
    return keys;
  }

  @Override
  public Result reconcile(String key) throws Exception {
    ObjectNode budget = budgets.get(key);
    if (budget == null) {
      return Result.DONE;
    }
    List<ObjectNode> covered = new ArrayList<>();
    for (ObjectNode p : pods.byIndex(BY_NAMESPACE, Key.parse(key).namespace())) {
      if (Budgets.covers(budget, p)) {
        covered.add(p);
      }
    }
    Instant now = clock.instant();
    ObjectNode disrupted = budget.objectNode();
    Instant nextExpiry = null;
    for (var it = budget.path("status").path("disruptedPods").fields(); it.hasNext();) {
      var e = it.next();
      ObjectNode pod = pods.get(PODS + Key.parse(key).namespace() + "/" + e.getKey());
      Instant expiry = Instant.parse(e.getValue().asText()).plus(DELETION_TIMEOUT);
      if (pod != null && !Metadata.terminating(pod) && expiry.isAfter(now)) {
        disrupted.set(e.getKey(), e.getValue());
        nextExpiry = nextExpiry == null || expiry.isBefore(nextExpiry) ? expiry : nextExpiry;
      }
    }
    int healthy = 0;
    for (ObjectNode p : covered) {
      if (!Metadata.terminating(p) && Pods.ready(p) && !disrupted.has(Metadata.text(p, "name"))) {
        healthy++;
      }
    }
    ObjectNode status = Budget.status(budget, covered, scales, healthy, disrupted, Metadata.time(now.toEpochMilli()));
    if (!status.equals(budget.path("status"))) {
      ObjectNode next = budget.deepCopy();
      next.set("status", status);
      writer.updateStatus(Key.parse(key), next).join();
    }
    return nextExpiry == null ? Result.DONE : Result.after(Duration.between(now, nextExpiry));
  }

}
