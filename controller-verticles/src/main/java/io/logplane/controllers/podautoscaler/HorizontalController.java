package io.logplane.controllers.podautoscaler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.Reconciler;
import io.logplane.controllers.workload.Indexes;
import io.logplane.controllers.workload.Trees;
import io.logplane.projections.EventRecorder;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.informers.Informer;
import io.logplane.projections.informers.Informers;
import io.logplane.projections.metrics.MetricsStore;
import io.logplane.selectors.LabelSelector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * kube's {@code reconcileAutoscaler}, once per HPA every 15 s (a change to the HPA, its own status
 * writes included, brings the next pass no sooner, as kube's rate-limited queue does): reads the
 * target's scale, keeps the replicas within min and max or computes them from the metrics,
 * normalizes them, writes the target's scale when it changes (Event SuccessfulRescale) and the
 * status when it changes.
 */
public final class HorizontalController implements Reconciler {

  static final String PREFIX = "autoscaling/horizontalpodautoscalers/";
  static final String ACCOUNT = "horizontal-pod-autoscaler";
  /** kube-controller-manager's {@code --horizontal-pod-autoscaler-sync-period}. */
  public static final Duration RESYNC = Duration.ofSeconds(15);

  private final Informer hpas;
  private final Informer pods;
  private final Informers informers;
  private final MetricsStore metrics;
  private final ObjectWriter writer;
  private final EventRecorder events;
  private final Clock clock;
  private final Normalizer normalizer = new Normalizer();
  private final Map<String, Instant> lastPass = new ConcurrentHashMap<>();

  public HorizontalController(ControllerContext ctx) {
    this.informers = ctx.informers();
    this.hpas = informers.informer(PREFIX);
    this.pods = Indexes.byNamespace(informers.informer("core/pods/"));
    ScaleTarget.all().forEach(t -> informers.informer(t.prefix()));
    this.metrics = ctx.metrics();
    this.writer = ctx.writer(ACCOUNT);
    this.clock = ctx.clock();
    this.events = new EventRecorder(writer, ACCOUNT, null, clock);
  }

  public static Controller controller(ControllerContext ctx) {
    return Controller.named("horizontalpodautoscaling").reconciles(PREFIX).build(new HorizontalController(ctx));
  }

  @Override
  public Result reconcile(String key) throws Exception {
    ObjectNode hpa = hpas.get(key);
    Instant now = clock.instant();
    if (hpa == null) {
      normalizer.forget(key);
      lastPass.remove(key);
      return Result.DONE;
    }
    Instant last = lastPass.get(key);
    if (last != null && now.isBefore(last.plus(RESYNC))) {
      return Result.after(Duration.between(now, last.plus(RESYNC)));
    }
    lastPass.put(key, now);
    new Pass(key, hpa, now).run();
    return Result.after(RESYNC);
  }

  /** One pass over one HPA: its status is built on a copy and written once at the end. */
  private final class Pass {
    private final String key;
    private final ObjectNode hpa;
    private final Instant now;
    private final String stamp;
    private final ObjectNode status;
    private final String namespace;

    Pass(String key, ObjectNode hpa, Instant now) {
      this.key = key;
      this.hpa = hpa;
      this.now = now;
      this.stamp = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
      JsonNode held = hpa.get("status");
      this.status = held instanceof ObjectNode s ? s.deepCopy() : hpa.objectNode();
      this.namespace = Metadata.text(hpa, "namespace");
    }

    void run() throws Exception {
      JsonNode spec = hpa.path("spec");
      JsonNode ref = spec.path("scaleTargetRef");
      ScaleTarget kind = ScaleTarget.of(ref);
      ObjectNode target = kind == null ? null : informers.informer(kind.prefix()).get(kind.key(namespace,
          ref.path("name").asText()));
      if (target == null) {
        String why = kind == null ? "no matches for kind \"" + ref.path("kind").asText() + "\" in group \""
            + group(ref) + "\"" : kind.resource() + " \"" + ref.path("name").asText() + "\" not found";
        HpaConditions.set(status, HpaConditions.ABLE_TO_SCALE, "False", "FailedGetScale",
            "the HPA controller was unable to get the target's current scale: " + why, stamp);
        events.warning(hpa, "FailedGetScale", why);
        write();
        return;
      }
      HpaConditions.set(status, HpaConditions.ABLE_TO_SCALE, "True", "SucceededGetScale",
          "the HPA controller was able to get the target's current scale", stamp);
      int current = ScaleTarget.replicas(target);
      normalizer.recordInitial(key, current, now);
      int min = spec.path("minReplicas").asInt(1);
      int max = spec.path("maxReplicas").asInt();
      int desired = 0;
      String reason = "";
      boolean rescale = true;
      JsonNode currentMetrics = null;
      if (current == 0 && min != 0) {
        rescale = false;
        HpaConditions.set(status, HpaConditions.SCALING_ACTIVE, "False", "ScalingDisabled",
            "scaling is disabled since the replica count of the target is zero", stamp);
      } else if (current > max) {
        reason = "Current number of replicas above Spec.MaxReplicas";
        desired = max;
      } else if (current < min) {
        reason = "Current number of replicas below Spec.MinReplicas";
        desired = min;
      } else {
        LabelSelector selector = kind.selector(target);
        if (selector == null) {
          HpaConditions.set(status, HpaConditions.SCALING_ACTIVE, "False", "InvalidSelector",
              "the HPA target's scale is missing a selector", stamp);
          events.warning(hpa, "SelectorRequired", "selector is required");
          write();
          return;
        }
        List<ObjectNode> selected = pods.byIndex(Indexes.NAMESPACE, namespace).stream()
            .filter(p -> selector.matches(p.path("metadata").path("labels"))).toList();
        MetricComputation.Outcome m = MetricComputation.compute(spec, current, selected, metrics.pods(namespace), now);
        m.warnings().forEach(w -> events.warning(hpa, w[0], w[1]));
        HpaConditions.set(status, HpaConditions.SCALING_ACTIVE, m.active(), stamp);
        if (m.replicas() == -1) {
          setStatus(current, status.path("desiredReplicas").asInt(), m.statuses(), false);
          write();
          events.warning(hpa, "FailedComputeMetricsReplicas", m.error());
          return;
        }
        desired = m.replicas();
        reason = desired > current ? m.metric() + " above target" : desired < current ? "All metrics below target" : "";
        Normalizer.Outcome n = normalizer.normalize(key, spec.get("behavior"), current, desired, min, max, now);
        HpaConditions.set(status, HpaConditions.ABLE_TO_SCALE, n.able(), stamp);
        HpaConditions.set(status, HpaConditions.SCALING_LIMITED, n.limited(), stamp);
        desired = n.replicas();
        rescale = desired != current;
        currentMetrics = m.statuses();
      }
      if (rescale) {
        try {
          writer.scale(Key.parse(kind.key(namespace, Metadata.text(target, "name"))),
              ScaleTarget.scaled(target, desired)).get();
        } catch (java.util.concurrent.ExecutionException e) {
          String error = e.getCause() == null ? e.toString() : e.getCause().getMessage();
          events.warning(hpa, "FailedRescale", "New size: " + desired + "; reason: " + reason + "; error: " + error);
          HpaConditions.set(status, HpaConditions.ABLE_TO_SCALE, "False", "FailedUpdateScale",
              "the HPA controller was unable to update the target scale: " + error, stamp);
          write();
          throw e;
        }
        HpaConditions.set(status, HpaConditions.ABLE_TO_SCALE, "True", "SucceededRescale",
            "the HPA controller was able to update the target scale to " + desired, stamp);
        events.normal(hpa, "SuccessfulRescale", "New size: " + desired + "; reason: " + reason);
        normalizer.scaled(key, spec.get("behavior"), current, desired, now);
      } else {
        desired = current;
      }
      setStatus(current, desired, currentMetrics, rescale);
      write();
    }

    private void setStatus(int current, int desired, JsonNode currentMetrics, boolean rescaled) {
      status.put("currentReplicas", current);
      status.put("desiredReplicas", desired);
      if (currentMetrics == null || currentMetrics.isEmpty()) {
        status.remove("currentMetrics");
      } else {
        status.set("currentMetrics", currentMetrics);
      }
      if (rescaled) {
        status.put("lastScaleTime", stamp);
      }
    }

    private void write() throws Exception {
      if (Trees.same(status, hpa.get("status"))) {
        return;
      }
      ObjectNode next = Metadata.withOwnMetadata(hpa);
      next.set("status", status);
      writer.updateStatus(Key.parse(key), next).get();
    }
  }

  private static String group(JsonNode ref) {
    String apiVersion = ref.path("apiVersion").asText();
    return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
  }
}
