package io.logplane.api.validation.flowcontrol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.flowcontrol.Bootstrap;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.Names;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * As kube's {@code ValidateFlowSchema} (v1beta3): a matching precedence from 1 to 10000 (1 kept
 * for the schema named {@code exempt}), a known distinguisher method, the name of a priority
 * level, rules as {@link FlowSchemaRules} checks them; a mandatory schema ({@code exempt},
 * {@code catch-all}) keeps the spec of {@link Bootstrap}; status conditions have distinct types.
 * An update is checked as a create.
 */
final class FlowSchemaValidator implements KindValidator {

  static final int MAX_MATCHING_PRECEDENCE = 10000;
  static final List<String> DISTINGUISHER_METHODS = List.of("ByNamespace", "ByUser");

  @Override
  public void validate(ObjectNode schema, FieldErrors errors) {
    String name = schema.path("metadata").path("name").asText("");
    JsonNode spec = schema.path("spec");
    spec(name, spec, errors);
    Optional<ObjectNode> mandatory = Bootstrap.mandatoryFlowSchema(name);
    if (mandatory.isPresent() && !GoSpecs.sameFlowSchemaSpec(spec, mandatory.get().path("spec"))) {
      errors.invalid("spec", GoSpecs.renderFlowSchemaSpec(spec), "spec of '" + name + "' must equal the fixed value");
    }
    conditions(schema.path("status"), errors);
  }

  private static void spec(String name, JsonNode spec, FieldErrors errors) {
    long precedence = spec.path("matchingPrecedence").asLong(0);
    if (precedence <= 0) {
      errors.invalid("spec.matchingPrecedence", precedence, "must be a positive value");
    }
    if (precedence > MAX_MATCHING_PRECEDENCE) {
      errors.invalid("spec.matchingPrecedence", precedence, "must not be greater than " + MAX_MATCHING_PRECEDENCE);
    }
    if (precedence == 1 && !name.equals("exempt")) {
      errors.invalid("spec.matchingPrecedence", precedence,
          "only the schema named 'exempt' may have matchingPrecedence 1");
    }
    JsonNode method = spec.path("distinguisherMethod");
    if (method.isObject() && !DISTINGUISHER_METHODS.contains(method.path("type").asText(""))) {
      errors.notSupported("spec.distinguisherMethod.type", GoSpecs.renderDistinguisherMethod(method),
          DISTINGUISHER_METHODS);
    }
    String level = spec.path("priorityLevelConfiguration").path("name").asText("");
    if (level.isEmpty()) {
      errors.required("spec.priorityLevelConfiguration.name", "must reference a priority level");
    } else {
      for (String msg : Names.isDns1123Subdomain(level)) {
        errors.invalid("spec.priorityLevelConfiguration.name", level, msg);
      }
    }
    JsonNode rules = spec.path("rules");
    for (int i = 0; i < rules.size(); i++) {
      FlowSchemaRules.validate(rules.get(i), "spec.rules[" + i + "]", errors);
    }
  }

  /** The status conditions of either kind: each has a type, no two the same. */
  static void conditions(JsonNode status, FieldErrors errors) {
    JsonNode conditions = status.path("conditions");
    Set<String> types = new HashSet<>();
    for (int i = 0; i < conditions.size(); i++) {
      String path = "status.conditions[" + i + "]";
      String type = conditions.get(i).path("type").asText("");
      if (!types.add(type)) {
        errors.duplicate(path + ".type", type);
      }
      if (type.isEmpty()) {
        errors.required(path + ".type", "must not be empty");
      }
    }
  }
}
