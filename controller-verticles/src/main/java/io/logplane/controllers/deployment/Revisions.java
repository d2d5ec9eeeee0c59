package io.logplane.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The annotations a Deployment keeps on its ReplicaSets and itself ({@code deploymentutil}):
 * the revision (a rolled-back-to set takes the next revision and remembers its former ones in
 * {@code revision-history}), the desired and max replicas of proportional scaling, and the
 * Deployment's own annotations copied to its new set (so {@code kubectl rollout history} shows
 * each revision's change-cause).
 */
final class Revisions {

  static final String REVISION = "deployment.kubernetes.io/revision";
  static final String HISTORY = "deployment.kubernetes.io/revision-history";
  static final String DESIRED = "deployment.kubernetes.io/desired-replicas";
  static final String MAX = "deployment.kubernetes.io/max-replicas";
  /** Kept 2000 characters at most, as kube's maxRevHistoryLengthInChars. */
  static final int HISTORY_CHARS = 2000;
  private static final Set<String> NOT_COPIED = Set.of("kubectl.kubernetes.io/last-applied-configuration",
      REVISION, HISTORY, DESIRED, MAX, "deprecated.deployment.rollback.to");

  private Revisions() {}

  /** The object's revision, 0 when it has none or an unreadable one. */
  static long of(JsonNode o) {
    try {
      return Long.parseLong(o.path("metadata").path("annotations").path(REVISION).asText("0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static long max(List<ObjectNode> sets) {
    return sets.stream().mapToLong(Revisions::of).max().orElse(0);
  }

  /** {@code SetNewReplicaSetAnnotations}, on rs in place; true when anything changed. */
  static boolean setNewSetAnnotations(Rollout r, ObjectNode rs, long newRevision, boolean exists) {
    ObjectNode annotations = annotations(rs);
    boolean changed = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = r.d().path("metadata").path("annotations").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!NOT_COPIED.contains(e.getKey()) && !e.getValue().equals(annotations.get(e.getKey()))) {
        annotations.set(e.getKey(), e.getValue());
        changed = true;
      }
    }
    boolean had = annotations.has(REVISION);
    long old = of(rs);
    if (old < newRevision) {
      annotations.put(REVISION, Long.toString(newRevision));
      changed = true;
      if (had) {
        annotations.put(HISTORY, history(annotations.path(HISTORY).asText(""), Long.toString(old)));
      }
    }
    if (!exists && setReplicasAnnotations(rs, r.desired(), r.desired() + r.maxSurge())) {
      changed = true;
    }
    return changed;
  }

  private static String history(String current, String old) {
    if (current.isEmpty()) {
      return old;
    }
    List<String> revisions = new ArrayList<>(Arrays.asList(current.split(",")));
    int length = current.length() + old.length() + 1;
    while (length > HISTORY_CHARS && !revisions.isEmpty()) {
      length -= revisions.remove(0).length() + 1;
    }
    revisions.add(old);
    return String.join(",", revisions);
  }

  /** {@code SetReplicasAnnotations}, in place; true when either changed. */
  static boolean setReplicasAnnotations(ObjectNode rs, int desired, int max) {
    ObjectNode annotations = annotations(rs);
    boolean changed = !annotations.path(DESIRED).asText("").equals(Integer.toString(desired))
        || !annotations.path(MAX).asText("").equals(Integer.toString(max));
    annotations.put(DESIRED, Integer.toString(desired));
    annotations.put(MAX, Integer.toString(max));
    return changed;
  }

  /** The desired-replicas annotation, or null when absent or unreadable. */
  static Integer desired(JsonNode rs) {
    return intAnnotation(rs, DESIRED);
  }

  static Integer maxReplicas(JsonNode rs) {
    return intAnnotation(rs, MAX);
  }

  private static Integer intAnnotation(JsonNode rs, String name) {
    try {
      JsonNode v = rs.path("metadata").path("annotations").get(name);
      return v == null ? null : Integer.valueOf(v.asText());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static ObjectNode annotations(ObjectNode o) {
    ObjectNode meta = Metadata.of(o);
    return meta.get("annotations") instanceof ObjectNode a ? a : meta.putObject("annotations");
  }
}
