package io.logplane.api.validation.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.workloads.Fields;

/** A ReplicaSet: replicas and minReadySeconds, its selector and template; the selector fixed. */
final class ReplicaSetValidator implements KindValidator {

  @Override
  public void validate(ObjectNode object, FieldErrors errors) {
    JsonNode spec = object.path("spec");
    Fields.nonNegative(spec, "replicas", "spec.replicas", errors);
    Fields.nonNegative(spec, "minReadySeconds", "spec.minReadySeconds", errors);
    ReplicaSetTemplate.validate(spec, errors);
  }

  @Override
  public void validateUpdate(ObjectNode old, ObjectNode object, FieldErrors errors) {
    ReplicaSetTemplate.selectorUnchanged(old, object, errors);
  }
}
