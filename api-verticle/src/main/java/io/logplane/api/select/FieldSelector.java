package io.logplane.api.select;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** STUB until the select branch lands. */
public final class FieldSelector {
  public static FieldSelector parse(String kind, String s) {
    return new FieldSelector();
  }

  public boolean matches(JsonNode o) {
    return true;
  }

  public Optional<String> requiredValue(String field) {
    return Optional.empty();
  }
}
