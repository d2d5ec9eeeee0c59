package io.logplane.controllers.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.history.RevisionHistory;
import io.logplane.controllers.history.Revisions;
import io.logplane.projections.Metadata;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A StatefulSet's current and update revisions ({@code getStatefulSetRevisions}) and their cleanup ({@code truncateHistory}). */
final class SetRevisions {

  record Pair(ObjectNode current, ObjectNode update) {}

  private SetRevisions() {}

  /**
   * The update revision is the one of the set's template: the newest revision already when it
   * holds it, an older equal one renumbered as the newest, or a new one. The current revision
   * is the one the status names, or the update revision.
   */
  static Pair of(JsonNode set, List<ObjectNode> revisions, RevisionHistory history, int[] collisions) {
    ObjectNode patch = Revisions.patch(set);
    long next = Revisions.max(revisions) + 1;
    ObjectNode equal = null;
    for (ObjectNode r : revisions) {
      if (Revisions.sameData(r.path("data"), patch)) {
        equal = r;
      }
    }
    ObjectNode update;
    if (equal != null && equal == revisions.get(revisions.size() - 1)) {
      update = equal;
    } else if (equal != null) {
      update = history.renumber(equal, next);
    } else {
      update = history.create(set, "StatefulSet", Revisions.HASH_LABEL, next, collisions);
    }
    String currentName = set.path("status").path("currentRevision").asText("");
    for (ObjectNode r : revisions) {
      if (Metadata.text(r, "name").equals(currentName)) {
        return new Pair(r, update);
      }
    }
    return new Pair(update, update);
  }

  /** Deletes the oldest revisions no pod runs, other than the current and update ones, past the limit. */
  static void truncate(JsonNode set, List<ObjectNode> pods, List<ObjectNode> revisions, String current, String update,
      RevisionHistory history) {
    Set<String> live = new HashSet<>(List.of(current, update));
    pods.forEach(p -> live.add(StatefulPods.revision(p)));
    List<ObjectNode> unused = new ArrayList<>();
    for (ObjectNode r : revisions) {
      if (!live.contains(Metadata.text(r, "name"))) {
        unused.add(r);
      }
    }
    int limit = set.path("spec").path("revisionHistoryLimit").asInt(10);
    for (int i = 0; i < unused.size() - limit; i++) {
      history.delete(unused.get(i));
    }
  }
}
