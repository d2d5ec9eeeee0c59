package io.logplane.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.patch.ManagedFields.Entry;
import io.logplane.api.resources.ResourceType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The 409 of a conflicting apply, worded as kube-apiserver words it, and kubectl's exemption. */
final class ApplyConflicts {

  private ApplyConflicts() {}

  /**
   * Builds the conflict error: {@code Apply failed with 1 conflict: conflict with "m" using
   * apps/v1: .spec.replicas}, or for several, one "conflicts with" block per manager (sorted)
   * listing its paths; one cause per field.
   */
  static PatchException error(Map<String, FieldSet> conflicts, Map<String, Entry> managers) {
    List<PatchException.Cause> causes = new ArrayList<>();
    List<String> blocks = new ArrayList<>();
    List<Map.Entry<String, FieldSet>> byManager = new ArrayList<>(conflicts.entrySet());
    byManager.sort(Comparator.comparing(e -> managers.get(e.getKey()).describe()));
    int count = 0;
    for (Map.Entry<String, FieldSet> e : byManager) {
      String who = managers.get(e.getKey()).describe();
      StringBuilder block = new StringBuilder("conflicts with ").append(who).append(':');
      for (List<String> path : e.getValue().paths()) {
        String field = FieldPaths.describe(path);
        causes.add(new PatchException.Cause("FieldManagerConflict", "conflict with " + who, field));
        block.append("\n- ").append(field);
        count++;
      }
      blocks.add(block.toString());
    }
    String message = count == 1
        ? "Apply failed with 1 conflict: " + causes.get(0).message() + ": " + causes.get(0).field()
        : "Apply failed with " + count + " conflicts: " + String.join("\n", blocks);
    return new PatchException(409, message, causes);
  }

  /**
   * kube's lastAppliedManager: for the manager {@code kubectl}, fields set by the
   * last-applied-configuration annotation whose live value still matches it are not conflicts
   * (they were applied client-side by the same user). Removes those from {@code conflicts}.
   */
  static void allowFromLastApplied(Map<String, FieldSet> conflicts, String manager, JsonNode live, TypeSchema s,
      ResourceType resource, String subresource) {
    JsonNode text = live.path("metadata").path("annotations").get(ServerSideApply.LAST_APPLIED);
    if (!"kubectl".equals(manager) || text == null || !text.isTextual()) {
      return;
    }
    JsonNode lastApplied;
    try {
      lastApplied = Json.MAPPER.readTree(text.asText());
    } catch (IOException e) {
      return;
    }
    if (lastApplied == null || !lastApplied.isObject()) {
      return;
    }
    FieldWalk.Comparison c = FieldWalk.compare(lastApplied, live, s);
    FieldSet allowed = Ownership.filter(FieldWalk.ofConfig(lastApplied, s), resource, subresource)
        .difference(c.modified()).difference(c.added()).difference(c.removed());
    conflicts.replaceAll((id, set) -> set.difference(allowed));
    conflicts.values().removeIf(FieldSet::isEmpty);
  }
}
