package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.Names;

/** A Namespace: its finalizers qualified names, or the standard "kubernetes". */
final class NamespaceValidator implements KindValidator {

  @Override
  public void validate(ObjectNode namespace, FieldErrors errors) {
    JsonNode finalizers = namespace.path("spec").path("finalizers");
    for (JsonNode f : finalizers) {
      String name = f.asText("");
      Names.check(Names.isQualifiedName(name), "spec.finalizers", name, errors);
      if (!name.contains("/") && !name.equals("kubernetes")) {
        errors.invalid("spec.finalizers", name, "name is neither a standard finalizer name nor is it fully qualified");
      }
    }
  }
}
