package io.logplane.api.validation.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.LabelSelectors;
import io.logplane.selectors.LabelSelector;
import io.logplane.selectors.SelectorException;
import java.util.List;
import java.util.Optional;

/**
 * The selector and pod template of a controller (ReplicaSet, Deployment, DaemonSet,
 * StatefulSet, Job): the selector required and not empty, the template's labels matched by it,
 * and the restart policy the controller can run.
 */
public final class Controllers {

  private Controllers() {}

  /**
   * A required selector that must select something: Required when absent, the label selector
   * rules, and {@code "empty selector is invalid for <kind>"} for {@code {}}.
   */
  public static void requiredSelector(JsonNode spec, String kind, FieldErrors errors) {
    JsonNode selector = spec.get("selector");
    if (GoStructs.absent(selector)) {
      errors.required("spec.selector", null);
      return;
    }
    LabelSelectors.validate(selector, "spec.selector", errors);
    if (selector.path("matchLabels").size() + selector.path("matchExpressions").size() == 0) {
      errors.invalid("spec.selector", GoStructs.labelSelector(selector), "empty selector is invalid for " + kind);
    }
  }

  /**
   * The selector as {@code LabelSelectorAsSelector} builds it (a missing one selects nothing);
   * empty when it cannot be built.
   */
  public static Optional<LabelSelector> asSelector(JsonNode selector) {
    try {
      return Optional.of(LabelSelector.fromJson(selector));
    } catch (SelectorException e) {
      return Optional.empty();
    }
  }

  /** Unless the selector selects everything, it must match the template's labels. */
  public static void templateMatches(LabelSelector selector, JsonNode template, FieldErrors errors) {
    JsonNode labels = template.path("metadata").get("labels");
    if (!selector.isEverything() && !selector.matches(GoStructs.absent(labels) ? null : labels)) {
      errors.invalid("spec.template.metadata.labels", GoStructs.stringMap(labels),
          "`selector` does not match template `labels`");
    }
  }

  /** The restart policy must be one of {@code allowed} ({@code Always} for the apps kinds). */
  public static void restartPolicy(JsonNode template, String path, List<String> allowed, FieldErrors errors) {
    String policy = template.path("spec").path("restartPolicy").asText("");
    if (!allowed.contains(policy)) {
      errors.notSupported(path + ".spec.restartPolicy", policy, allowed);
    }
  }

  /** A pod template of a long-running controller may not set activeDeadlineSeconds. */
  public static void noActiveDeadline(JsonNode template, String path, String kind, FieldErrors errors) {
    if (Fields.has(template.path("spec"), "activeDeadlineSeconds")) {
      errors.forbidden(path + ".spec.activeDeadlineSeconds", "activeDeadlineSeconds in " + kind + " is not Supported");
    }
  }
}
