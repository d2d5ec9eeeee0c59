package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;

/** The operator and values of one requirement of a quota's scope selector. */
final class ScopeSelectors {

  private ScopeSelectors() {}

  static void operator(JsonNode r, String scope, boolean existsOnly, String path, FieldErrors errors) {
    String operator = r.path("operator").asText("");
    if (existsOnly && !operator.equals("Exists")) {
      errors.invalid(path + ".operator", operator, "must be 'Exist' when scope is any of"
          + " ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort,"
          + " ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity");
    }
    JsonNode values = r.path("values");
    switch (operator) {
      case "In", "NotIn" -> {
        if (values.isEmpty()) {
          errors.required(path + ".values",
              "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector");
        }
      }
      case "Exists", "DoesNotExist" -> {
        if (!values.isEmpty()) {
          errors.invalid(path + ".values", values,
              "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector");
        }
      }
      default -> errors.invalid(path + ".operator", operator, "not a valid selector operator");
    }
  }
}
