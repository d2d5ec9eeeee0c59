package io.logplane.controllers.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A pod's required node affinity: {@code GetRequiredNodeAffinity(pod).Match(node)} (its
 * nodeSelector and its required terms), and the term that pins a daemon pod to its node. Pure.
 */
final class Affinity {

  static final String NAME_FIELD = "metadata.name";

  private Affinity() {}

  static boolean requiredMatches(JsonNode podSpec, JsonNode node) {
    if (!NodeFit.labelsMatch(podSpec.path("nodeSelector"), node)) {
      return false;
    }
    JsonNode required = podSpec.path("affinity").path("nodeAffinity").path("requiredDuringSchedulingIgnoredDuringExecution");
    if (required.isMissingNode() || required.isNull()) {
      return true;
    }
    for (JsonNode term : required.path("nodeSelectorTerms")) {
      if ((term.path("matchExpressions").size() > 0 || term.path("matchFields").size() > 0) && termMatches(term, node)) {
        return true;
      }
    }
    return false;
  }

  private static boolean termMatches(JsonNode term, JsonNode node) {
    for (JsonNode r : term.path("matchExpressions")) {
      if (!requirement(r, node.path("metadata").path("labels").get(r.path("key").asText()))) {
        return false;
      }
    }
    for (JsonNode r : term.path("matchFields")) {
      JsonNode value = NAME_FIELD.equals(r.path("key").asText()) ? node.path("metadata").get("name") : null;
      if (!requirement(r, value)) {
        return false;
      }
    }
    return true;
  }

  private static boolean requirement(JsonNode r, JsonNode value) {
    String v = value == null || value.isNull() ? null : value.asText();
    boolean in = false;
    for (JsonNode x : r.path("values")) {
      in |= x.asText().equals(v);
    }
    return switch (r.path("operator").asText()) {
      case "In" -> in;
      case "NotIn" -> !in;
      case "Exists" -> v != null;
      case "DoesNotExist" -> v == null;
      case "Gt", "Lt" -> v != null && compare(v, r.path("values").path(0).asText(), r.path("operator").asText());
      default -> false;
    };
  }

  private static boolean compare(String v, String bound, String op) {
    try {
      long a = Long.parseLong(v);
      long b = Long.parseLong(bound);
      return op.equals("Gt") ? a > b : a < b;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The node a daemon pod is for: its nodeName, or the node its required affinity pins it to. */
  static String targetNode(JsonNode pod) {
    String bound = pod.path("spec").path("nodeName").asText("");
    if (!bound.isEmpty()) {
      return bound;
    }
    for (JsonNode term : pod.path("spec").path("affinity").path("nodeAffinity")
        .path("requiredDuringSchedulingIgnoredDuringExecution").path("nodeSelectorTerms")) {
      for (JsonNode f : term.path("matchFields")) {
        if (NAME_FIELD.equals(f.path("key").asText()) && "In".equals(f.path("operator").asText())
            && f.path("values").size() == 1) {
          return f.path("values").path(0).asText();
        }
      }
    }
    return "";
  }

  /** The pod spec's affinity with its required node terms replaced by one pinning it to the node. */
  static void pin(ObjectNode podSpec, String node) {
    ObjectNode affinity = podSpec.get("affinity") instanceof ObjectNode a ? a : podSpec.putObject("affinity");
    ObjectNode nodeAffinity = affinity.get("nodeAffinity") instanceof ObjectNode n ? n : affinity.putObject("nodeAffinity");
    ObjectNode field = JsonNodeFactory.instance.objectNode().put("key", NAME_FIELD).put("operator", "In");
    field.putArray("values").add(node);
    nodeAffinity.putObject("requiredDuringSchedulingIgnoredDuringExecution").putArray("nodeSelectorTerms")
        .addObject().putArray("matchFields").add(field);
  }
}
