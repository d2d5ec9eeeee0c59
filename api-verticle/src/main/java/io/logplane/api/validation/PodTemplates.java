package io.logplane.api.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A PodTemplateSpec (of a ReplicationController, Deployment, Job...) as ValidatePodTemplateSpec
 * checks it. Like there, its labels and annotations are reported at {@code <path>.labels} and
 * {@code <path>.annotations} (no ".metadata"), its spec at {@code <path>.spec}.
 */
public final class PodTemplates {

  private PodTemplates() {}

  /** Checks a template at {@code path} (e.g. "spec.template"). */
  public static void validate(JsonNode template, String path, FieldErrors errors) {
    JsonNode meta = template.path("metadata");
    Labels.validate(meta.path("labels"), path + ".labels", errors);
    Labels.validateAnnotations(meta.path("annotations"), path + ".annotations", errors);
    PodSpecs.validate(template.path("spec"), path + ".spec", errors);
    if (!template.path("spec").path("ephemeralContainers").isEmpty()) {
      errors.forbidden(path + ".spec.ephemeralContainers", "ephemeral containers not allowed in pod template");
    }
  }
}
