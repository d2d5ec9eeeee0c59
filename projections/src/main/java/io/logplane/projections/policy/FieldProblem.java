package io.logplane.projections.policy;

import io.logplane.selectors.GoStrings;

/**
 * A CEL expression of a ValidatingAdmissionPolicy that kube's validation refuses, as its
 * {@code field.Invalid} reports it: the field ({@code spec.validations[0].expression}), the
 * expression as written, and kube's detail ({@code compilation failed: ERROR: <input>:1:1: ...},
 * {@code must evaluate to bool}).
 */
public record FieldProblem(String field, String value, String detail) {

  /** The message after the field as kube prints it: {@code Invalid value: "<value>": <detail>}. */
  public String message() {
    return "Invalid value: " + GoStrings.quote(value) + ": " + detail;
  }
}
