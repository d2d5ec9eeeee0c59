package io.logplane.controllers.daemonset;

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
import io.logplane.projections.informers.Informer;
import io.logplane.selectors.LabelSelector;
import io.logplane.selectors.SelectorException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * As kube-controller-manager's DaemonSet controller: the revisions and pods of its namespace
 * claimed by selector (orphans adopted, what no longer matches released), the current revision,
 * then a pod made for each node that should run one and none left where none should (an adopted
 * pod beside one already on its node is surplus and goes), then (once nothing was written) a
 * rolling update step, old revisions cleaned, and the status.
 */
public final class DaemonSetController implements Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(DaemonSetController.class);
  static final String DAEMONSETS = "apps/daemonsets/";
  static final String PODS = "core/pods/";
  static final String NODES = "core/nodes/";

  private final Informer sets;
  private final Dependents pods;
  private final Claims podClaims;
  private final Claims revisionClaims;
  private final Informer nodes;
  private final RevisionHistory history;
  private final ObjectWriter writer;
  private final EventRecorder events;
  private final Clock clock;

  private DaemonSetController(ControllerContext ctx) {
    sets = ctx.informers().informer(DAEMONSETS);
    pods = new Dependents(ctx.informers().informer(PODS));
    nodes = ctx.informers().informer(NODES);
    writer = ctx.writer("daemon-set-controller");
    podClaims = new Claims(writer, "core", "pods", sets);
    revisionClaims = new Claims(writer, "apps", "controllerrevisions", sets);
    history = new RevisionHistory(ctx.informers(), writer);
    clock = ctx.clock();
    events = new EventRecorder(writer, "daemonset-controller", null, clock);
  }

  /** DaemonSets, woken by their pods and revisions (and the orphans they select), and every one of them by any node. */
  public static Controller controller(ControllerContext ctx) {
    Informer sets = ctx.informers().informer(DAEMONSETS);
    Selecting selecting = new Selecting(sets, "DaemonSet");
    return Controller.named("daemonset").reconciles(DAEMONSETS)
        .watches(PODS, selecting::ownersOf).watches(RevisionHistory.PREFIX, selecting::ownersOf)
        .watches(NODES, n -> sets.list().stream().map(DaemonSetController::key).toList())
        .build(new DaemonSetController(ctx));
  }

  @Override
  public Result reconcile(String key) throws Exception {
    ObjectNode ds = sets.get(key);
    if (ds == null || Metadata.terminating(ds)) {
      return Result.DONE;
    }
    JsonNode selector = ds.path("spec").path("selector");
    if (selector.isObject() && selector.isEmpty()) {
      events.warning(ds, "SelectingAll", "This daemon set is selecting all pods. A non-empty selector is required.");
      return Result.DONE;
    }
    if (!claim(ds)) {
      return Result.DONE;
    }
    Map<String, ObjectNode> nodeMap = new TreeMap<>();
    nodes.list().forEach(n -> nodeMap.put(Metadata.text(n, "name"), n));
    int[] collisions = {ds.path("status").path("collisionCount").asInt(0)};
    Revision current = currentRevision(ds, collisions);
    String hash = current.revision().path("metadata").path("labels").path(Revisions.REVISION_LABEL).asText("");
    Instant now = clock.instant();
    boolean wrote = Manage.run(ds, nodeMap, DaemonPods.byNode(owned(ds)), hash, this);
    if (!wrote && "RollingUpdate".equals(ds.path("spec").path("updateStrategy").path("type").asText("RollingUpdate"))) {
      RollingUpdate.Step step = RollingUpdate.step(ds, nodeMap, DaemonPods.byNode(owned(ds)), hash, now);
      sync(ds, step.delete(), step.create(), hash);
    }
    cleanup(ds, current.old());
    Map<String, List<ObjectNode>> byNode = DaemonPods.byNode(owned(ds));
    ObjectNode counts = DaemonStatus.counts(ds, nodeMap, byNode, hash, now);
    ObjectNode next = DaemonStatus.next(ds, counts, collisions[0], true);
    if (next != null) {
      writer.updateStatus(Key.parse(key), next).join();
    }
    int minReady = ds.path("spec").path("minReadySeconds").asInt(0);
    return minReady > 0 && counts.path("numberReady").asInt() != counts.path("numberAvailable").asInt()
        ? Result.after(Duration.ofSeconds(minReady)) : Result.DONE;
  }

  /** A revision and the older ones ({@code constructHistory}). */
  private record Revision(ObjectNode revision, List<ObjectNode> old) {}

  private Revision currentRevision(ObjectNode ds, int[] collisions) {
    ObjectNode patch = Revisions.patch(ds);
    List<ObjectNode> matching = new ArrayList<>();
    List<ObjectNode> old = new ArrayList<>();
    for (ObjectNode r : history.of(ds)) {
      (Revisions.sameData(r.path("data"), patch) ? matching : old).add(r);
    }
    long next = Revisions.max(old) + 1;
    if (matching.isEmpty()) {
      return new Revision(history.create(ds, "DaemonSet", Revisions.REVISION_LABEL, next, collisions), old);
    }
    ObjectNode keep = matching.get(matching.size() - 1);
    for (ObjectNode dup : matching.subList(0, matching.size() - 1)) {
      history.delete(dup);
    }
    return new Revision(Revisions.number(keep) < next ? history.renumber(keep, next) : keep, old);
  }

  /** Old revisions past revisionHistoryLimit that no pod runs, oldest first, deleted ({@code cleanupHistory}). */
  private void cleanup(ObjectNode ds, List<ObjectNode> old) {
    int toKill = old.size() - ds.path("spec").path("revisionHistoryLimit").asInt(10);
    List<String> live = owned(ds).stream()
        .map(p -> p.path("metadata").path("labels").path(Revisions.REVISION_LABEL).asText("")).toList();
    for (ObjectNode r : old) {
      if (toKill <= 0) {
        return;
      }
      if (!live.contains(r.path("metadata").path("labels").path(Revisions.REVISION_LABEL).asText())) {
        history.delete(r);
        toKill--;
      }
    }
  }

  /**
   * Claims the revisions ({@code controlledHistories}) and then the pods ({@code getDaemonPods})
   * of the set's namespace; false when its selector is invalid (the API refuses one, so only a
   * set written around it has one: logged, not retried, as kube).
   */
  private boolean claim(ObjectNode ds) throws InterruptedException, ExecutionException {
    LabelSelector selector;
    try {
      selector = LabelSelector.fromJson(ds.path("spec").path("selector"));
    } catch (SelectorException e) {
      LOG.warn("DaemonSet {} has an invalid selector: {}", key(ds), e.getMessage());
      return false;
    }
    ObjectNode ref = Revisions.controllerRef(ds, "DaemonSet");
    revisionClaims.claim(ds, ref, selector, history.candidates(ds));
    podClaims.claim(ds, ref, selector, pods.candidates(ds));
    return true;
  }

  List<ObjectNode> owned(JsonNode ds) {
    return pods.controlledBy(Metadata.uid(ds));
  }

  /** Deletes the pods and creates one for each node, waiting for all ({@code syncNodes}); answers whether it wrote. */
  boolean sync(ObjectNode ds, List<JsonNode> delete, List<String> create, String hash) {
    List<CompletableFuture<?>> writes = new ArrayList<>();
    String ns = Metadata.text(ds, "namespace");
    for (String node : create) {
      writes.add(writer.create(new Key("core", "pods", ns, ""), DaemonPods.newPod(ds, node, hash))
          .thenAccept(p -> events.normal(ds, "SuccessfulCreate", "Created pod: " + Metadata.text(p, "name"))));
    }
    for (JsonNode pod : delete) {
      String name = Metadata.text(pod, "name");
      writes.add(writer.delete(new Key("core", "pods", ns, name), Metadata.uid(pod), null)
          .thenAccept(p -> events.normal(ds, "SuccessfulDelete", "Deleted pod: " + name)));
    }
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    return !writes.isEmpty();
  }

  void warning(JsonNode ds, String reason, String message) {
    events.warning(ds, reason, message);
  }

  static String key(JsonNode ds) {
    return new Key("apps", "daemonsets", Metadata.text(ds, "namespace"), Metadata.text(ds, "name")).toString();
  }
}
