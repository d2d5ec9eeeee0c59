package io.logplane.api.flowcontrol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import java.util.Set;

/**
 * A FlowSchema's {@code Dangling} condition, as kube's APF configuration controller keeps it:
 * {@code False} (reason {@code Found}) while the PriorityLevelConfiguration it names exists,
 * {@code True} ({@code NotFound}) while it does not; kubectl prints it as {@code MISSINGPL}.
 */
final class DanglingConditions {

  static final String TYPE = "Dangling";

  private DanglingConditions() {}

  /** The FlowSchema with its condition brought up to date, or null when it is already. */
  static ObjectNode updated(ObjectNode flowSchema, Set<String> levels, String nowRfc3339) {
    String level = flowSchema.path("spec").path("priorityLevelConfiguration").path("name").asText();
    boolean dangling = !levels.contains(level);
    String status = dangling ? "True" : "False";
    String reason = dangling ? "NotFound" : "Found";
    String message = "This FlowSchema references the PriorityLevelConfiguration object named \"" + level
        + (dangling ? "\" but there is no such object" : "\" and it exists");
    JsonNode conditions = flowSchema.path("status").path("conditions");
    for (JsonNode c : conditions) {
      if (c.path("type").asText().equals(TYPE) && c.path("status").asText().equals(status)
          && c.path("reason").asText().equals(reason) && c.path("message").asText().equals(message)) {
        return null;
      }
    }
    ObjectNode next = flowSchema.deepCopy();
    ObjectNode statusNode = next.get("status") instanceof ObjectNode s ? s : next.putObject("status");
    ArrayNode kept = statusNode.putArray("conditions");
    for (JsonNode c : conditions) {
      if (!c.path("type").asText().equals(TYPE)) {
        kept.add(c.deepCopy());
      }
    }
    kept.addObject().put("type", TYPE).put("status", status).put("lastTransitionTime", nowRfc3339)
        .put("reason", reason).put("message", message);
    return next;
  }

  /** The names of the priority levels among the objects. */
  static Set<String> names(java.util.List<ObjectNode> levels) {
    java.util.Set<String> out = new java.util.HashSet<>();
    levels.forEach(l -> out.add(Metadata.text(l, "name")));
    return out;
  }
}
