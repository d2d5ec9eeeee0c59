package io.logplane.api.validation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.Names;
import java.util.List;

/** A pod's tolerations as ValidateTolerations checks them: key, operator and value, effect. */
public final class Tolerations {

  private static final List<String> OPERATORS = List.of("Equal", "Exists");
  private static final List<String> EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

  private Tolerations() {}

  public static void validate(JsonNode tolerations, String path, FieldErrors errors) {
    for (int i = 0; i < tolerations.size(); i++) {
      JsonNode t = tolerations.get(i);
      String at = path + "[" + i + "]";
      String key = t.path("key").asText("");
      String operator = t.path("operator").asText("");
      String value = t.path("value").asText("");
      String effect = t.path("effect").asText("");
      if (!key.isEmpty()) {
        Names.check(Names.isQualifiedName(key), at + ".key", key, errors);
      }
      if (key.isEmpty() && !operator.equals("Exists")) {
        errors.invalid(at + ".operator", operator,
            "operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
      }
      if (t.hasNonNull("tolerationSeconds") && !effect.equals("NoExecute")) {
        errors.invalid(at + ".effect", effect, "effect must be 'NoExecute' when `tolerationSeconds` is set");
      }
      switch (operator) {
        case "Equal", "" -> {
          List<String> bad = Names.isLabelValue(value);
          if (!bad.isEmpty()) {
            errors.invalid(at + ".operator", value, String.join(";", bad));
          }
        }
        case "Exists" -> {
          if (!value.isEmpty()) {
            errors.invalid(at + ".operator", GoStruct.toleration(t), "value must be empty when `operator` is 'Exists'");
          }
        }
        default -> errors.notSupported(at + ".operator", operator, OPERATORS);
      }
      if (!effect.isEmpty() && !EFFECTS.contains(effect)) {
        errors.notSupported(at + ".effect", effect, EFFECTS);
      }
    }
  }
}
