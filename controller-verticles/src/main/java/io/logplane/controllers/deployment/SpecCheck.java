package io.logplane.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.selectors.LabelSelector;
import io.logplane.selectors.SelectorException;

/**
 * What the API refuses in a Deployment but the controller must not act on should it get
 * through: a selector that is invalid, selects everything (kube's SelectingAll), or does not
 * select the pods of its own template (its ReplicaSet would create pods forever).
 */
final class SpecCheck {

  private SpecCheck() {}

  /** Why the Deployment cannot be rolled out, or null. */
  static String refusal(JsonNode d) {
    JsonNode selector = d.path("spec").path("selector");
    LabelSelector s;
    try {
      s = LabelSelector.fromJson(selector);
    } catch (SelectorException e) {
      return "invalid selector: " + e.getMessage();
    }
    if (s.isEverything()) {
      return "This deployment is selecting all pods. A non-empty selector is required.";
    }
    if (!s.matches(d.path("spec").path("template").path("metadata").path("labels"))) {
      return "Failed to create new replica set: spec.template.metadata.labels: Invalid value: "
          + d.path("spec").path("template").path("metadata").path("labels")
          + ": `selector` does not match template `labels`";
    }
    return null;
  }
}
