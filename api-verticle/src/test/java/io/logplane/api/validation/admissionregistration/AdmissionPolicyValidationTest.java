package io.logplane.api.validation.admissionregistration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.http.ApiException;
import io.logplane.api.validation.FieldErrors;
import io.logplane.projections.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionPolicyValidationTest {

  private static ObjectNode json(String text) {
    return Json.object(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> errors(io.logplane.api.validation.KindValidator v, String object) {
    FieldErrors errors = new FieldErrors();
    v.validate(json(object), errors);
    return errors.causes().stream().map(c -> c.field() + ": " + c.message()).toList();
  }

  @Test
  void aPolicyNeedsAFailurePolicyResourceRulesAndSomethingToCheck() {
    assertEquals(List.of("spec.failurePolicy: Required value", "spec.matchConstraints: Required value",
        "spec.validations: Required value: validations or auditAnnotations must contain at least one item",
        "spec.auditAnnotations: Required value: validations or auditAnnotations must contain at least one item"),
        errors(new PolicyValidator(), "{\"metadata\":{\"name\":\"p\"},\"spec\":{}}"));
  }

  @Test
  void anExpressionThatDoesNotCompileIsInvalidOnItsField() {
    List<String> found = errors(new PolicyValidator(), """
        {"metadata": {"name": "p"}, "spec": {"failurePolicy": "Fail",
         "matchConstraints": {"matchPolicy": "Equivalent", "namespaceSelector": {}, "objectSelector": {},
           "resourceRules": [{"apiGroups": [""], "apiVersions": ["v1"], "operations": ["CREATE"],
                              "resources": ["pods"], "scope": "*"}]},
         "validations": [{"expression": "object.spec.(", "reason": "Teapot"}]}}
        """);
    assertEquals(2, found.size(), found.toString());
    assertEquals("spec.validations[0].reason: Unsupported value: \"Teapot\": supported values: \"Forbidden\","
        + " \"Invalid\", \"RequestEntityTooLarge\", \"Unauthorized\"", found.get(0));
    assertEquals(true, found.get(1).startsWith("spec.validations[0].expression: Invalid value: \"object.spec.(\":"
        + " compilation failed: ERROR: <input>:1:"), found.get(1));
  }

  @Test
  void aBindingNamesItsPolicyAndActsOnceEachNeverDenyAndWarn() {
    assertEquals(List.of("spec.policyName: Required value",
        "spec.validationActions[2]: Duplicate value: \"Deny\"",
        "spec.validationActions: Invalid value: []string{\"Deny\", \"Warn\", \"Deny\"}: must not contain both Deny and"
            + " Warn (repeating the same validation failure information in the API response and headers serves no"
            + " purpose)"),
        errors(new BindingValidator(), "{\"spec\":{\"validationActions\":[\"Deny\",\"Warn\",\"Deny\"]}}"));
    assertEquals(List.of("spec.paramRef: Required value: one of name or selector must be specified",
        "spec.paramRef.parameterNotFoundAction: Required value", "spec.validationActions: Required value: at least"
            + " one validation action is required"),
        errors(new BindingValidator(), "{\"spec\":{\"policyName\":\"p\",\"paramRef\":{}}}"));
  }
}
