package io.logplane.controllers.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.Reconciler;
import io.logplane.controllers.history.RevisionHistory;
import io.logplane.controllers.history.Revisions;
import io.logplane.controllers.workload.Claims;
import io.logplane.controllers.workload.Dependents;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * As kube-controller-manager's StatefulSet controller: orphan revisions it selects adopted
 * ({@code adoptOrphanRevisions}), the pods of its namespace claimed by selector and by name (a
 * pod named for one of its ordinals; {@code isMemberOf}), the current and update revisions, one
 * pass of {@link SetUpdate}, the status, and old revisions no pod uses cut to
 * revisionHistoryLimit. Claims of a scaled-down ordinal go with its pod when whenScaled is Delete.
 */
public final class StatefulSetController implements Reconciler, SetUpdate.Pods {

  static final String STATEFULSETS = "apps/statefulsets/";
  static final String PODS = "core/pods/";
  static final String CLAIMS = "core/persistentvolumeclaims/";

  private static final Logger LOG = LoggerFactory.getLogger(StatefulSetController.class);

  private final Informer sets;
  private final Dependents pods;
  private final Claims podClaims;
  private final Claims revisionClaims;
  private final Informer claims;
  private final RevisionHistory history;
  private final ObjectWriter writer;
  private final EventRecorder events;
  private final Clock clock;

  private StatefulSetController(ControllerContext ctx) {
    sets = ctx.informers().informer(STATEFULSETS);
    pods = new Dependents(ctx.informers().informer(PODS));
    claims = ctx.informers().informer(CLAIMS);
    writer = ctx.writer("statefulset-controller");
    podClaims = new Claims(writer, "core", "pods", sets);
    revisionClaims = new Claims(writer, "apps", "controllerrevisions", sets);
    history = new RevisionHistory(ctx.informers(), writer);
    clock = ctx.clock();
    events = new EventRecorder(writer, "statefulset-controller", null, clock);
  }

  /** StatefulSets, woken by their pods and revisions, and the orphans they select. */
  public static Controller controller(ControllerContext ctx) {
    Selecting selecting = new Selecting(ctx.informers().informer(STATEFULSETS), "StatefulSet");
    return Controller.named("statefulset").reconciles(STATEFULSETS)
        .watches(PODS, selecting::ownersOf).watches(RevisionHistory.PREFIX, selecting::ownersOf)
        .build(new StatefulSetController(ctx));
  }

  @Override
  public Result reconcile(String key) throws Exception {
    ObjectNode set = sets.get(key);
    if (set == null || !claim(set)) {
      return Result.DONE;
    }
    List<ObjectNode> revisions = history.of(set);
    int[] collisions = {set.path("status").path("collisionCount").asInt(0)};
    SetRevisions.Pair pair = SetRevisions.of(set, revisions, history, collisions);
    String currentName = Metadata.text(pair.current(), "name");
    String updateName = Metadata.text(pair.update(), "name");
    if (!Metadata.terminating(set)) {
      int currentReplicas = set.path("status").path("currentReplicas").asInt(0);
      SetUpdate.run(set, Revisions.applied(set, pair.current()), Revisions.applied(set, pair.update()), currentName,
          updateName, currentReplicas, owned(set), this);
    }
    Instant now = clock.instant();
    List<ObjectNode> live = owned(set);
    ObjectNode status = SetStatus.of(set, live, currentName, updateName, collisions[0], now);
    if (!status.equals(set.path("status"))) {
      ObjectNode next = set.deepCopy();
      next.set("status", status);
      writer.updateStatus(Key.parse(key), next).join();
    }
    SetRevisions.truncate(set, live, history.of(set), currentName, updateName, history);
    deleteScaledDownClaims(set, live);
    int minReady = set.path("spec").path("minReadySeconds").asInt(0);
    return minReady > 0 && status.path("readyReplicas").asInt() != status.path("availableReplicas").asInt()
        ? Result.after(Duration.ofSeconds(minReady)) : Result.DONE;
  }

  /**
   * Adopts the orphan revisions the set selects, then claims the pods of its namespace that it
   * selects and that are named for it; false when its selector is invalid (logged, not retried).
   */
  private boolean claim(ObjectNode set) throws InterruptedException, ExecutionException {
    LabelSelector selector;
    try {
      selector = LabelSelector.fromJson(set.path("spec").path("selector"));
    } catch (SelectorException e) {
      LOG.warn("StatefulSet {}/{} has an invalid selector: {}", Metadata.text(set, "namespace"),
          Metadata.text(set, "name"), e.getMessage());
      return false;
    }
    ObjectNode ref = Revisions.controllerRef(set, "StatefulSet");
    revisionClaims.claim(set, ref, selector, history.orphans(set));
    podClaims.claim(set, ref, p -> selector.matches(p.path("metadata").path("labels"))
        && StatefulPods.ordinal(set, p) >= 0, pods.candidates(set));
    return true;
  }

  List<ObjectNode> owned(JsonNode set) {
    return pods.controlledBy(Metadata.uid(set)).stream().filter(p -> StatefulPods.ordinal(set, p) >= 0).toList();
  }

  /** The claims first (an existing one is kept), then the pod ({@code CreateStatefulPod}). */
  @Override
  public void create(JsonNode set, ObjectNode pod) {
    int ordinal = StatefulPods.ordinal(set, pod);
    String ns = Metadata.text(set, "namespace");
    for (ObjectNode claim : StatefulPods.claims(set, ordinal)) {
      Key key = new Key("core", "persistentvolumeclaims", ns, Metadata.text(claim, "name"));
      if (claims.get(key.toString()) == null && ignoring(Reason.ALREADY_EXISTS, () -> writer.create(key, claim).join())) {
        events.normal(set, "SuccessfulCreate", "create Claim " + Metadata.text(claim, "name") + " Pod "
            + Metadata.text(pod, "name") + " in StatefulSet " + Metadata.text(set, "name") + " success");
      }
    }
    writer.create(new Key("core", "pods", ns, Metadata.text(pod, "name")), pod).join();
    events.normal(set, "SuccessfulCreate", "create Pod " + Metadata.text(pod, "name") + " in StatefulSet "
        + Metadata.text(set, "name") + " successful");
  }

  @Override
  public void delete(JsonNode set, JsonNode pod) {
    Key key = new Key("core", "pods", Metadata.text(pod, "namespace"), Metadata.text(pod, "name"));
    if (ignoring(Reason.NOT_FOUND, () -> writer.delete(key, Metadata.uid(pod), null).join())) {
      events.normal(set, "SuccessfulDelete", "delete Pod " + Metadata.text(pod, "name") + " in StatefulSet "
          + Metadata.text(set, "name") + " successful");
    }
  }

  @Override
  public void fixIdentity(JsonNode set, JsonNode pod) {
    ObjectNode next = pod.deepCopy();
    int ordinal = StatefulPods.ordinal(set, pod);
    ObjectNode labels = Metadata.of(next).with("labels");
    labels.put(StatefulPods.POD_NAME_LABEL, Metadata.text(pod, "name"));
    labels.put(StatefulPods.POD_INDEX_LABEL, Integer.toString(ordinal));
    writer.update(new Key("core", "pods", Metadata.text(pod, "namespace"), Metadata.text(pod, "name")), next).join();
  }

  /** whenScaled: Delete drops the claims of ordinals past the replicas once their pod is gone (the GC's part in kube). */
  private void deleteScaledDownClaims(JsonNode set, List<ObjectNode> live) {
    if (!"Delete".equals(set.path("spec").path("persistentVolumeClaimRetentionPolicy").path("whenScaled").asText())) {
      return;
    }
    int start = set.path("spec").path("ordinals").path("start").asInt(0);
    int end = start + set.path("spec").path("replicas").asInt(1);
    for (ObjectNode claim : claims.list()) {
      String name = Metadata.text(claim, "name");
      for (JsonNode template : set.path("spec").path("volumeClaimTemplates")) {
        String prefix = Metadata.text(template, "name") + "-" + Metadata.text(set, "name") + "-";
        if (!Metadata.text(set, "namespace").equals(Metadata.text(claim, "namespace")) || !name.startsWith(prefix)
            || !name.substring(prefix.length()).matches("0|[1-9][0-9]{0,8}")) {
          continue;
        }
        int ordinal = Integer.parseInt(name.substring(prefix.length()));
        String pod = StatefulPods.podName(set, ordinal);
        if ((ordinal < start || ordinal >= end) && live.stream().noneMatch(p -> pod.equals(Metadata.text(p, "name")))) {
          ignoring(Reason.NOT_FOUND, () -> writer.delete(new Key("core", "persistentvolumeclaims",
              Metadata.text(claim, "namespace"), name), Metadata.uid(claim), null).join());
        }
      }
    }
  }

  /** Runs the write; false when it was refused for that reason (nothing to do), other failures thrown. */
  private static boolean ignoring(Reason reason, Runnable write) {
    try {
      write.run();
      return true;
    } catch (CompletionException e) {
      if (e.getCause() instanceof WriteRefused w && w.reason() == reason) {
        return false;
      }
      throw e;
    }
  }
}
