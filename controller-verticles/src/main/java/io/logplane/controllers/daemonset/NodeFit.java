package io.logplane.controllers.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import java.util.Iterator;
import java.util.Map;

/** Whether a DaemonSet's pod belongs on a node ({@code NodeShouldRunDaemonPod}). Pure. */
final class NodeFit {

  /** Whether a pod should be made there, and whether one there may stay (a NoSchedule taint keeps it). */
  record Verdict(boolean shouldRun, boolean shouldContinueRunning) {}

  private static final String[][] DAEMON_TOLERATIONS = {
      {"node.kubernetes.io/not-ready", "NoExecute"}, {"node.kubernetes.io/unreachable", "NoExecute"},
      {"node.kubernetes.io/disk-pressure", "NoSchedule"}, {"node.kubernetes.io/memory-pressure", "NoSchedule"},
      {"node.kubernetes.io/pid-pressure", "NoSchedule"}, {"node.kubernetes.io/unschedulable", "NoSchedule"}};

  private NodeFit() {}

  static Verdict of(JsonNode ds, JsonNode node) {
    JsonNode spec = ds.path("spec").path("template").path("spec");
    String nodeName = Metadata.text(node, "name");
    String pinned = spec.path("nodeName").asText("");
    if (!pinned.isEmpty() && !pinned.equals(nodeName) || !Affinity.requiredMatches(spec, node)) {
      return new Verdict(false, false);
    }
    ArrayNode tolerations = tolerations(spec);
    if (!untolerated(node, tolerations, true)) {
      return new Verdict(true, true);
    }
    return new Verdict(false, !untolerated(node, tolerations, false));
  }

  /** The template's tolerations with those kube adds to every daemon pod ({@code AddOrUpdateDaemonPodTolerations}). */
  static ArrayNode tolerations(JsonNode podSpec) {
    ArrayNode list = podSpec.path("tolerations").isArray() ? podSpec.get("tolerations").deepCopy()
        : JsonNodeFactory.instance.arrayNode();
    for (String[] t : DAEMON_TOLERATIONS) {
      add(list, t[0], t[1]);
    }
    if (podSpec.path("hostNetwork").asBoolean(false)) {
      add(list, "node.kubernetes.io/network-unavailable", "NoSchedule");
    }
    return list;
  }

  private static void add(ArrayNode list, String key, String effect) {
    ObjectNode t = JsonNodeFactory.instance.objectNode().put("key", key).put("operator", "Exists").put("effect", effect);
    for (int i = 0; i < list.size(); i++) {
      JsonNode old = list.get(i);
      if (key.equals(old.path("key").asText()) && "Exists".equals(old.path("operator").asText())
          && effect.equals(old.path("effect").asText()) && old.path("value").asText("").isEmpty()) {
        list.set(i, t);
        return;
      }
    }
    list.add(t);
  }

  /** Whether a taint of the node is not tolerated: NoExecute only, or NoSchedule too. */
  static boolean untolerated(JsonNode node, JsonNode tolerations, boolean noScheduleToo) {
    for (JsonNode taint : node.path("spec").path("taints")) {
      String effect = taint.path("effect").asText();
      if (!effect.equals("NoExecute") && !(noScheduleToo && effect.equals("NoSchedule"))) {
        continue;
      }
      boolean tolerated = false;
      for (JsonNode t : tolerations) {
        tolerated |= tolerates(t, taint);
      }
      if (!tolerated) {
        return true;
      }
    }
    return false;
  }

  private static boolean tolerates(JsonNode t, JsonNode taint) {
    String effect = t.path("effect").asText("");
    if (!effect.isEmpty() && !effect.equals(taint.path("effect").asText())) {
      return false;
    }
    String key = t.path("key").asText("");
    if (!key.isEmpty() && !key.equals(taint.path("key").asText())) {
      return false;
    }
    return switch (t.path("operator").asText("Equal")) {
      case "Exists" -> true;
      case "Equal", "" -> t.path("value").asText("").equals(taint.path("value").asText(""));
      default -> false;
    };
  }

  /** Whether every label of the selector map is on the node. */
  static boolean labelsMatch(JsonNode selector, JsonNode node) {
    JsonNode labels = node.path("metadata").path("labels");
    for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
        return false;
      }
    }
    return true;
  }
}
