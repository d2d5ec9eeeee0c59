package io.logplane.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.workload.IntOrPercent;
import io.logplane.controllers.workload.Trees;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.EventRecorder;
import io.logplane.projections.ObjectWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * One pass over a Deployment: the Deployment and the ReplicaSets it controls as last read or
 * written (each write replaces the object it wrote, so later steps of the pass see it), the
 * writer, and the pass's time. Its numbers are kube's {@code deploymentutil}'s.
 */
final class Rollout {

  /** {@code ReplicaSetsByCreationTimestamp}: older first, then by name. */
  static final Comparator<JsonNode> OLDEST_FIRST = Comparator
      .comparing((JsonNode rs) -> String.valueOf(Metadata.text(rs, "creationTimestamp")))
      .thenComparing(rs -> String.valueOf(Metadata.text(rs, "name")));

  final ObjectWriter writer;
  final EventRecorder events;
  final Instant now;
  private ObjectNode d;
  final List<ObjectNode> sets;

  Rollout(ObjectWriter writer, EventRecorder events, Instant now, ObjectNode deployment, List<ObjectNode> sets) {
    this.writer = writer;
    this.events = events;
    this.now = now;
    this.d = deployment;
    this.sets = new ArrayList<>(sets);
    this.sets.sort(OLDEST_FIRST);
  }

  ObjectNode d() {
    return d;
  }

  String name() {
    return Metadata.text(d, "name");
  }

  String time() {
    return Metadata.time(now.toEpochMilli());
  }

  int desired() {
    return d.path("spec").path("replicas").asInt(1);
  }

  boolean rolling() {
    return d.path("spec").path("strategy").path("type").asText("RollingUpdate").equals("RollingUpdate");
  }

  boolean hasProgressDeadline() {
    JsonNode s = d.path("spec").get("progressDeadlineSeconds");
    return s != null && s.isNumber() && s.asInt() != Integer.MAX_VALUE;
  }

  /** {@code ResolveFenceposts}: maxSurge rounded up, maxUnavailable down, never both zero. */
  private int[] fenceposts() {
    JsonNode ru = d.path("spec").path("strategy").path("rollingUpdate");
    int surge = IntOrPercent.scaled(ru.get("maxSurge"), desired(), true, 0);
    int unavailable = IntOrPercent.scaled(ru.get("maxUnavailable"), desired(), false, 0);
    return new int[] {surge, surge == 0 && unavailable == 0 ? 1 : unavailable};
  }

  int maxSurge() {
    return rolling() ? fenceposts()[0] : 0;
  }

  int maxUnavailable() {
    return !rolling() || desired() == 0 ? 0 : Math.min(fenceposts()[1], desired());
  }

  /** The ReplicaSet whose template is the Deployment's ({@code FindNewReplicaSet}), or null. */
  ObjectNode newSet() {
    for (ObjectNode rs : sets) {
      if (TemplateHash.equalIgnoringHash(rs.path("spec").path("template"), d.path("spec").path("template"))) {
        return rs;
      }
    }
    return null;
  }

  /** Every other ReplicaSet, oldest first. */
  List<ObjectNode> oldSets() {
    ObjectNode n = newSet();
    return sets.stream().filter(rs -> rs != n).toList();
  }

  static int replicas(JsonNode rs) {
    return rs == null ? 0 : rs.path("spec").path("replicas").asInt(1);
  }

  static int status(JsonNode rs, String field) {
    return rs == null ? 0 : rs.path("status").path(field).asInt();
  }

  static int sum(List<? extends JsonNode> sets, java.util.function.ToIntFunction<JsonNode> f) {
    return sets.stream().mapToInt(f).sum();
  }

  /** Sets with replicas wanted ({@code FilterActiveReplicaSets}). */
  static List<ObjectNode> active(List<ObjectNode> sets) {
    return sets.stream().filter(rs -> rs != null && replicas(rs) > 0).toList();
  }

  /** Scales a set unless it has that size already ({@code scaleReplicaSetAndRecordEvent}); true when it changed. */
  boolean scaleTo(ObjectNode rs, int size) throws InterruptedException, ExecutionException {
    return replicas(rs) != size && scale(rs, size);
  }

  /** Sets a set's size and its desired and max replicas annotations ({@code scaleReplicaSet}). */
  boolean scale(ObjectNode rs, int size) throws InterruptedException, ExecutionException {
    boolean resize = replicas(rs) != size;
    ObjectNode copy = rs.deepCopy();
    boolean annotations = Revisions.setReplicasAnnotations(copy, desired(), desired() + maxSurge());
    if (resize || annotations) {
      ((ObjectNode) copy.get("spec")).put("replicas", size);
      replace(rs, writer.update(key(rs), copy).get());
    }
    if (resize) {
      int from = replicas(rs);
      events.normal(d, "ScalingReplicaSet", "Scaled " + (size > from ? "up" : "down") + " replica set "
          + Metadata.text(rs, "name") + " to " + size + (size > from ? "" : " from " + from));
    }
    return resize;
  }

  /** Puts the written version of a set in place of the one read. */
  ObjectNode replace(ObjectNode before, ObjectNode after) {
    sets.replaceAll(rs -> rs == before || Metadata.uid(rs).equals(Metadata.uid(after)) ? after : rs);
    if (!sets.contains(after)) {
      sets.add(after);
      sets.sort(OLDEST_FIRST);
    }
    return after;
  }

  /** Writes the Deployment's status unless it holds it already. */
  void writeStatus(ObjectNode status) throws InterruptedException, ExecutionException {
    if (!Trees.same(status, d.get("status"))) {
      ObjectNode next = Metadata.withOwnMetadata(d);
      next.set("status", status);
      d = writer.updateStatus(deploymentKey(), next).get();
    }
  }

  /** Writes the Deployment's metadata (its revision annotation) as changed in a copy. */
  void writeMetadata(ObjectNode next) throws InterruptedException, ExecutionException {
    d = writer.update(deploymentKey(), next).get();
  }

  ObjectNode statusCopy() {
    return d.get("status") instanceof ObjectNode s ? s.deepCopy() : d.objectNode();
  }

  static Key key(JsonNode rs) {
    return new Key("apps", "replicasets", Metadata.text(rs, "namespace"), Metadata.text(rs, "name"));
  }

  Key deploymentKey() {
    return new Key("apps", "deployments", Metadata.text(d, "namespace"), Metadata.text(d, "name"));
  }
}
