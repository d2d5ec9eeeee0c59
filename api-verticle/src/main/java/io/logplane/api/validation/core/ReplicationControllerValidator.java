package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.PodTemplates;

/** A ReplicationController: its replicas, and a template whose labels its selector matches. */
final class ReplicationControllerValidator implements KindValidator {

  @Override
  public void validate(ObjectNode rc, FieldErrors errors) {
    JsonNode spec = rc.path("spec");
    if (spec.path("replicas").asLong(0) < 0) {
      errors.invalid("spec.replicas", spec.path("replicas").asLong(), "must be greater than or equal to 0");
    }
    JsonNode template = spec.path("template");
    if (template.isMissingNode() || template.isNull()) {
      errors.required("spec.template", null);
      return;
    }
    JsonNode labels = template.path("metadata").path("labels");
    for (var it = spec.path("selector").fields(); it.hasNext();) {
      var e = it.next();
      if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
        errors.invalid("spec.template.metadata.labels", labels, "`selector` does not match template `labels`");
        break;
      }
    }
    PodTemplates.validate(template, "spec.template", errors);
  }
}
