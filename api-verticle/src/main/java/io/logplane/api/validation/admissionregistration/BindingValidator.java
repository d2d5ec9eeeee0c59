package io.logplane.api.validation.admissionregistration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.LabelSelectors;
import io.logplane.api.validation.NameRules;
import io.logplane.api.validation.Names;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * As kube's {@code ValidateValidatingAdmissionPolicyBinding}: a policy named, a parameter
 * reference by name or by selector (never both) with what to do when none is found, the match
 * resources, and one or more distinct validation actions, never both Deny and Warn.
 */
final class BindingValidator implements KindValidator {

  static final List<String> ACTIONS = List.of("Audit", "Deny", "Warn");
  static final List<String> NOT_FOUND_ACTIONS = List.of("Deny", "Allow");

  @Override
  public void validate(ObjectNode binding, FieldErrors errors) {
    JsonNode spec = binding.path("spec");
    String policy = spec.path("policyName").asText("");
    if (policy.isEmpty()) {
      errors.required("spec.policyName", "");
    } else {
      Names.check(Names.isDns1123Subdomain(policy), "spec.policyName", policy, errors);
    }
    paramRef(spec.path("paramRef"), errors);
    // sic: kube's path has this typo
    MatchResources.validate(spec.path("matchResources"), "spec.matchResouces", errors);
    actions(MatchResources.texts(spec.path("validationActions")), errors);
  }

  private static void paramRef(JsonNode ref, FieldErrors errors) {
    if (!ref.isObject()) {
      return;
    }
    String name = ref.path("name").asText("");
    boolean selector = ref.path("selector").isObject();
    if (!name.isEmpty()) {
      for (String msg : NameRules.pathSegment(name)) {
        errors.invalid("spec.paramRef.name", name, msg);
      }
      if (selector) {
        errors.forbidden("spec.paramRef.name", "name and selector are mutually exclusive");
      }
    }
    if (selector) {
      LabelSelectors.validate(ref.get("selector"), "spec.paramRef.selector", errors);
      if (!name.isEmpty()) {
        errors.forbidden("spec.paramRef.selector", "name and selector are mutually exclusive");
      }
    }
    if (name.isEmpty() && !selector) {
      errors.required("spec.paramRef", "one of name or selector must be specified");
    }
    String action = ref.path("parameterNotFoundAction").asText("");
    if (action.isEmpty()) {
      errors.required("spec.paramRef.parameterNotFoundAction", "");
    } else if (!NOT_FOUND_ACTIONS.contains(action)) {
      errors.notSupported("spec.paramRef.parameterNotFoundAction", action, NOT_FOUND_ACTIONS);
    }
  }

  private static void actions(List<String> actions, FieldErrors errors) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < actions.size(); i++) {
      String a = actions.get(i);
      if (!ACTIONS.contains(a)) {
        errors.notSupported("spec.validationActions[" + i + "]", a, ACTIONS);
      }
      if (!seen.add(a)) {
        errors.duplicate("spec.validationActions[" + i + "]", a);
      }
    }
    if (seen.contains("Deny") && seen.contains("Warn")) {
      errors.invalid("spec.validationActions", actions, "must not contain both Deny and Warn (repeating the same"
          + " validation failure information in the API response and headers serves no purpose)");
    }
    if (seen.isEmpty()) {
      errors.required("spec.validationActions", "at least one validation action is required");
    }
  }
}
