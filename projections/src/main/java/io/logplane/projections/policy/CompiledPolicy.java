package io.logplane.projections.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A ValidatingAdmissionPolicy with every CEL expression compiled once ({@link PolicyCompiler}):
 * immutable and thread-safe, evaluated by {@link Policies} for as long as the policy's
 * resourceVersion stands. An expression that did not compile stays in, failing when evaluated
 * ("compilation error: ..."), as kube keeps a stored policy it can no longer compile.
 */
public final class CompiledPolicy {

  /** A named expression: a match condition, a variable, or an audit annotation (its key). */
  record Named(String name, Expression expression) {}

  /** A validation: its expression, message expression (null when none), message and reason as written. */
  record Rule(Expression expression, Expression messageExpression, String message, String reason) {}

  /** The policy's {@code spec.paramKind}. */
  record ParamKind(String apiVersion, String kind) {

    String group() {
      int slash = apiVersion.indexOf('/');
      return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    String version() {
      return apiVersion.substring(apiVersion.indexOf('/') + 1);
    }

    /** As Go prints the generated struct ({@code &ParamKind{APIVersion:v1,Kind:ConfigMap,}}). */
    @Override
    public String toString() {
      return "&ParamKind{APIVersion:" + apiVersion + ",Kind:" + kind + ",}";
    }
  }

  private final String name;
  private final JsonNode matchConstraints;
  private final boolean ignoreFailures;
  private final ParamKind paramKind;
  private final String configurationError;
  private final List<Named> matchConditions;
  private final List<Named> variables;
  private final List<Rule> validations;
  private final List<Named> auditAnnotations;
  private final List<FieldProblem> problems;

  CompiledPolicy(String name, JsonNode matchConstraints, boolean ignoreFailures, ParamKind paramKind,
      String configurationError, List<Named> matchConditions, List<Named> variables, List<Rule> validations,
      List<Named> auditAnnotations, List<FieldProblem> problems) {
    this.name = name;
    this.matchConstraints = matchConstraints;
    this.ignoreFailures = ignoreFailures;
    this.paramKind = paramKind;
    this.configurationError = configurationError;
    this.matchConditions = List.copyOf(matchConditions);
    this.variables = List.copyOf(variables);
    this.validations = List.copyOf(validations);
    this.auditAnnotations = List.copyOf(auditAnnotations);
    this.problems = List.copyOf(problems);
  }

  /** The policy's metadata.name. */
  public String name() {
    return name;
  }

  /** The expressions kube's validation would refuse, in the order it reports them; empty when all compile. */
  public List<FieldProblem> problems() {
    return problems;
  }

  JsonNode matchConstraints() {
    return matchConstraints;
  }

  /** failurePolicy Ignore: errors skip the policy; anything else fails closed (kube's default Fail). */
  boolean ignoreFailures() {
    return ignoreFailures;
  }

  /** The paramKind, or null when the policy takes no params. */
  ParamKind paramKind() {
    return paramKind;
  }

  /** Why the policy cannot be enforced whatever the request (a paramKind's bad apiVersion); null when none. */
  String configurationError() {
    return configurationError;
  }

  List<Named> matchConditions() {
    return matchConditions;
  }

  List<Named> variables() {
    return variables;
  }

  List<Rule> validations() {
    return validations;
  }

  List<Named> auditAnnotations() {
    return auditAnnotations;
  }
}
