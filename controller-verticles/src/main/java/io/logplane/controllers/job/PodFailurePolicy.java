package io.logplane.controllers.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.Metadata;

/**
 * A Job's podFailurePolicy, as kube 1.28's matchPodFailurePolicy reads it: the first rule whose
 * onExitCodes (a terminated container with a non-zero exit code In or NotIn the values) or
 * onPodConditions (a condition of that type and status) matches a failed pod decides: FailJob,
 * Ignore (not counted against backoffLimit) or Count. No rule matching counts the failure.
 * FailIndex belongs to backoffLimitPerIndex, off in 1.28, and is passed over as kube does then.
 */
final class PodFailurePolicy {

  /** What the policy says of a failed pod: the FailJob message (or null), and whether it counts. */
  record Verdict(String failJobMessage, boolean counts) {}

  private static final Verdict COUNT = new Verdict(null, true);

  private PodFailurePolicy() {}

  static boolean present(JsonNode job) {
    JsonNode p = job.path("spec").get("podFailurePolicy");
    return p != null && !p.isNull();
  }

  static Verdict match(JsonNode job, JsonNode pod) {
    if (!present(job)) {
      return COUNT;
    }
    int index = 0;
    for (JsonNode rule : job.path("spec").path("podFailurePolicy").path("rules")) {
      String action = rule.path("action").asText();
      String message = null;
      if (rule.hasNonNull("onExitCodes")) {
        JsonNode container = exitCodes(pod, rule.path("onExitCodes"));
        if (container != null) {
          message = "Container " + container.path("name").asText() + " for pod " + Metadata.text(pod, "namespace")
              + "/" + Metadata.text(pod, "name") + " failed with exit code "
              + container.path("state").path("terminated").path("exitCode").asInt() + " matching " + action
              + " rule at index " + index;
        }
      } else if (rule.hasNonNull("onPodConditions")) {
        JsonNode condition = conditions(pod, rule.path("onPodConditions"));
        if (condition != null) {
          message = "Pod " + Metadata.text(pod, "namespace") + "/" + Metadata.text(pod, "name") + " has condition "
              + condition.path("type").asText() + " matching " + action + " rule at index " + index;
        }
      }
      index++;
      if (message == null) {
        continue;
      }
      switch (action) {
        case "Ignore":
          return new Verdict(null, false);
        case "Count":
          return COUNT;
        case "FailJob":
          return new Verdict(message, true);
        default:
          continue;
      }
    }
    return COUNT;
  }

  private static JsonNode exitCodes(JsonNode pod, JsonNode requirement) {
    for (String list : new String[] {"containerStatuses", "initContainerStatuses"}) {
      for (JsonNode s : pod.path("status").path(list)) {
        JsonNode terminated = s.path("state").get("terminated");
        if (terminated == null || terminated.isNull()) {
          continue;
        }
        String name = requirement.path("containerName").asText("");
        int code = terminated.path("exitCode").asInt();
        if ((name.isEmpty() || name.equals(s.path("name").asText())) && code != 0 && operator(requirement, code)) {
          return s;
        }
      }
    }
    return null;
  }

  private static boolean operator(JsonNode requirement, int code) {
    boolean in = false;
    for (JsonNode v : requirement.path("values")) {
      in |= v.asInt() == code;
    }
    return switch (requirement.path("operator").asText()) {
      case "In" -> in;
      case "NotIn" -> !in;
      default -> false;
    };
  }

  private static JsonNode conditions(JsonNode pod, JsonNode patterns) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      for (JsonNode p : patterns) {
        if (c.path("type").asText().equals(p.path("type").asText())
            && c.path("status").asText().equals(p.path("status").asText("True"))) {
          return c;
        }
      }
    }
    return null;
  }
}
