package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.PodSpecs;

/** A Pod: its spec, and on update the few fields of a running pod that may change. */
final class PodValidator implements KindValidator {

  @Override
  public void validate(ObjectNode pod, FieldErrors errors) {
    PodSpecs.validate(pod.path("spec"), "spec", errors);
  }
}
