package io.logplane.api.validation.admissionregistration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.Names;
import io.logplane.projections.policy.FieldProblem;
import io.logplane.projections.policy.PolicyCompiler;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * As kube's {@code ValidateValidatingAdmissionPolicy}: a failure policy, a parameter kind that
 * names a group version and a kind, match constraints with at least one resource rule, named
 * match conditions and variables, at least one validation or audit annotation, messages on one
 * line, known reasons; and every CEL expression compiles ({@link PolicyCompiler#problems}), its errors
 * reported on the expression's field as kube's compiler words them.
 */
final class PolicyValidator implements KindValidator {

  static final List<String> FAILURE_POLICIES = List.of("Fail", "Ignore");
  static final List<String> REASONS = List.of("Forbidden", "Invalid", "RequestEntityTooLarge", "Unauthorized");
  private static final Pattern CEL_IDENTIFIER = Pattern.compile("[_a-zA-Z][_a-zA-Z0-9]*");
  private static final Set<String> CEL_RESERVED = Set.of("true", "false", "null", "in", "as", "break", "const",
      "continue", "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return", "var",
      "void", "while");
  private static final int MAX_AUDIT_ANNOTATIONS = 20;
  private static final int MAX_VALUE_EXPRESSION = 5 * 1024;

  @Override
  public void validate(ObjectNode policy, FieldErrors errors) {
    JsonNode spec = policy.path("spec");
    String failure = spec.path("failurePolicy").asText("");
    if (failure.isEmpty()) {
      errors.required("spec.failurePolicy", "");
    } else if (!FAILURE_POLICIES.contains(failure)) {
      errors.notSupported("spec.failurePolicy", failure, FAILURE_POLICIES);
    }
    if (spec.path("paramKind").isObject()) {
      paramKind(spec.get("paramKind"), errors);
    }
    JsonNode match = spec.path("matchConstraints");
    if (!match.isObject()) {
      errors.required("spec.matchConstraints", "");
    } else {
      MatchResources.validate(match, "spec.matchConstraints", errors);
      if (match.path("resourceRules").isEmpty()) {
        errors.required("spec.matchConstraints.resourceRules", "");
      }
    }
    matchConditions(spec.path("matchConditions"), errors);
    JsonNode variables = spec.path("variables");
    for (int i = 0; i < variables.size(); i++) {
      String name = variables.get(i).path("name").asText("");
      String path = "spec.variables[" + i + "]";
      if (name.isBlank()) {
        errors.required(path + ".name", "name is not specified");
      } else if (!CEL_IDENTIFIER.matcher(name).matches() || CEL_RESERVED.contains(name)) {
        errors.invalid(path + ".name", name, "name is not a valid CEL identifier");
      }
      if (variables.get(i).path("expression").asText("").isBlank()) {
        errors.required(path + ".expression", "expression is not specified");
      }
    }
    JsonNode validations = spec.path("validations");
    JsonNode annotations = spec.path("auditAnnotations");
    if (validations.isEmpty() && annotations.isEmpty()) {
      errors.required("spec.validations", "validations or auditAnnotations must contain at least one item");
      errors.required("spec.auditAnnotations", "validations or auditAnnotations must contain at least one item");
    } else {
      for (int i = 0; i < validations.size(); i++) {
        validation(validations.get(i), "spec.validations[" + i + "]", errors);
      }
      auditAnnotations(policy.path("metadata").path("name").asText(""), annotations, errors);
    }
    for (FieldProblem p : PolicyCompiler.problems(policy)) {
      errors.invalid(p.field(), p.value(), p.detail());
    }
  }

  private static void paramKind(JsonNode kind, FieldErrors errors) {
    String apiVersion = kind.path("apiVersion").asText("");
    if (apiVersion.isEmpty()) {
      errors.required("spec.paramKind.apiVersion", "");
    } else if (apiVersion.chars().filter(c -> c == '/').count() > 1) {
      errors.invalid("spec.paramKind.apiVersion", apiVersion, "unexpected GroupVersion string: " + apiVersion);
    } else {
      int slash = apiVersion.indexOf('/');
      String group = slash < 0 ? "" : apiVersion.substring(0, slash);
      String version = apiVersion.substring(slash + 1);
      if (!group.isEmpty()) {
        List<String> bad = Names.isDns1123Subdomain(group);
        if (!bad.isEmpty()) {
          errors.invalid("spec.paramKind.apiVersion", group, String.join(",", bad));
        }
      }
      if (version.isEmpty()) {
        errors.invalid("spec.paramKind.apiVersion", apiVersion, "version must be specified");
      } else if (!Names.isDns1035Label(version).isEmpty()) {
        errors.invalid("spec.paramKind.apiVersion", version, String.join(",", Names.isDns1035Label(version)));
      }
    }
    String k = kind.path("kind").asText("");
    if (k.isEmpty()) {
      errors.required("spec.paramKind.kind", "");
    } else if (!Names.isDns1035Label(k.toLowerCase()).isEmpty()) {
      errors.invalid("spec.paramKind.kind", k, "may have mixed case, but should otherwise match: "
          + String.join(",", Names.isDns1035Label(k.toLowerCase())));
    }
  }

  private static void matchConditions(JsonNode conditions, FieldErrors errors) {
    if (conditions.size() > 64) {
      errors.tooMany("spec.matchConditions", conditions.size(), 64);
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < conditions.size(); i++) {
      String path = "spec.matchConditions[" + i + "]";
      JsonNode c = conditions.get(i);
      if (c.path("expression").asText("").isBlank()) {
        errors.required(path + ".expression", "");
      }
      String name = c.path("name").asText("");
      if (name.isEmpty()) {
        errors.required(path + ".name", "");
      } else {
        Names.check(Names.isQualifiedName(name), path + ".name", name, errors);
        if (!names.add(name)) {
          errors.duplicate(path + ".name", name);
        }
      }
    }
  }

  private static void validation(JsonNode v, String path, FieldErrors errors) {
    if (v.path("expression").asText("").isBlank()) {
      errors.required(path + ".expression", "expression is not specified");
    }
    String messageExpression = v.path("messageExpression").asText("");
    if (!messageExpression.isEmpty() && messageExpression.isBlank()) {
      errors.invalid(path + ".messageExpression", messageExpression, "must be non-empty if specified");
    }
    String message = v.path("message").asText("");
    if (!message.isEmpty() && message.isBlank()) {
      errors.invalid(path + ".message", message, "message must be non-empty if specified");
    } else if (message.strip().contains("\n") || message.strip().contains("\r")) {
      errors.invalid(path + ".message", message, "message must not contain line breaks");
    }
    String reason = v.path("reason").asText(null);
    if (reason != null && !REASONS.contains(reason)) {
      errors.notSupported(path + ".reason", reason, REASONS);
    }
  }

  private static void auditAnnotations(String policyName, JsonNode annotations, FieldErrors errors) {
    if (annotations.size() > MAX_AUDIT_ANNOTATIONS) {
      errors.invalidOmitted("spec.auditAnnotations", "must not have more than " + MAX_AUDIT_ANNOTATIONS
          + " auditAnnotations");
    }
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < annotations.size(); i++) {
      String path = "spec.auditAnnotations[" + i + "]";
      String key = annotations.get(i).path("key").asText("");
      if (policyName.isEmpty()) {
        errors.invalid(path + ".key", key, "requires metadata.name be non-empty");
      } else {
        Names.check(Names.isQualifiedName(policyName + "/" + key), path + ".key", policyName + "/" + key, errors);
      }
      String value = annotations.get(i).path("valueExpression").asText("").strip();
      if (value.isEmpty()) {
        errors.required(path + ".valueExpression", "valueExpression is not specified");
      } else if (value.length() > MAX_VALUE_EXPRESSION) {
        errors.required(path + ".valueExpression", "must not exceed " + MAX_VALUE_EXPRESSION + " bytes in length");
      }
      if (!keys.add(key)) {
        errors.duplicate(path + ".key", key);
      }
    }
  }
}
