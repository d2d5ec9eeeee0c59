package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;

/** The {@code immutable: true} of ConfigMaps and Secrets: once set, it and the data stay. */
final class Immutables {

  static final String MESSAGE = "field is immutable when `immutable` is set";

  private Immutables() {}

  static void check(ObjectNode old, ObjectNode now, FieldErrors errors, String... fields) {
    if (!old.path("immutable").asBoolean(false)) {
      return;
    }
    if (!now.path("immutable").asBoolean(false)) {
      errors.forbidden("immutable", MESSAGE);
    }
    for (String f : fields) {
      if (!empty(old.path(f)) || !empty(now.path(f))) {
        if (!old.path(f).equals(now.path(f))) {
          errors.forbidden(f, MESSAGE);
        }
      }
    }
  }

  private static boolean empty(JsonNode n) {
    return n.isMissingNode() || n.isNull() || n.isEmpty();
  }
}
