package io.logplane.projections.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import io.logplane.projections.policy.CompiledPolicy.Named;
import io.logplane.projections.policy.CompiledPolicy.ParamKind;
import io.logplane.projections.policy.CompiledPolicy.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1, as JSON) into a
 * {@link CompiledPolicy}, with the variables kube declares: {@code object}, {@code oldObject},
 * {@code request} and {@code namespaceObject} always, {@code params} only when the policy has a
 * paramKind, {@code variables} only when it has variables (each variable sees those before it;
 * match conditions see none, as kube 1.28's validation compiles them). {@code authorizer} is not
 * offered: an expression that uses it does not compile. Types are checked as kube checks them: a
 * validation or match condition must be bool, a message expression string, an audit annotation's
 * value string or null. The functions are CEL's standard ones, the strings extension and kube's
 * list and regex libraries ({@link ListFunctions}, {@link RegexFunctions}); kube's quantity, url,
 * ip/cidr and authz libraries are not offered. There is no cost limit.
 */
public final class PolicyCompiler {

  private static final List<CelType> BOOL = List.of(SimpleType.BOOL);
  private static final List<CelType> STRING = List.of(SimpleType.STRING);
  private static final List<CelType> STRING_OR_NULL = List.of(SimpleType.STRING, SimpleType.NULL_TYPE);

  private PolicyCompiler() {}

  /** Compiles every expression of {@code policy}; never fails (what does not compile is in {@code problems()}). */
  public static CompiledPolicy compile(JsonNode policy) {
    JsonNode spec = policy.path("spec");
    List<FieldProblem> problems = new ArrayList<>();
    ParamKind paramKind = null;
    String configurationError = null;
    if (spec.path("paramKind").isObject()) {
      paramKind = new ParamKind(spec.path("paramKind").path("apiVersion").asText(""),
          spec.path("paramKind").path("kind").asText(""));
      String apiVersion = paramKind.apiVersion();
      if (apiVersion.chars().filter(c -> c == '/').count() > 1) {
        configurationError = "failed to parse apiVersion of paramKind '" + paramKind
            + "' with error: unexpected GroupVersion string: " + apiVersion;
      }
    }
    boolean params = paramKind != null;

    List<Named> conditions = new ArrayList<>();
    CelCompiler plain = CelEnvironment.compiler(params, null);
    JsonNode matchConditions = spec.path("matchConditions");
    for (int i = 0; i < matchConditions.size(); i++) {
      String source = matchConditions.get(i).path("expression").asText("");
      // Trimmed, as kube's validation compiles it.
      Expression e = Expression.compile(plain, source, source.strip(), BOOL);
      note(problems, "spec.matchConditions[" + i + "].expression", e);
      conditions.add(new Named(matchConditions.get(i).path("name").asText(""), e));
    }

    List<String> names = new ArrayList<>();
    List<Named> variables = new ArrayList<>();
    JsonNode vars = spec.path("variables");
    for (int i = 0; i < vars.size(); i++) {
      String name = vars.get(i).path("name").asText("");
      String source = vars.get(i).path("expression").asText("");
      Expression e = Expression.compile(CelEnvironment.compiler(params, names), source, source, List.of());
      note(problems, "spec.variables[" + i + "].expression", e);
      variables.add(new Named(name, e));
      names.add(name);
    }
    CelCompiler full = CelEnvironment.compiler(params, vars.isEmpty() ? null : names);

    List<Rule> validations = new ArrayList<>();
    JsonNode rules = spec.path("validations");
    for (int i = 0; i < rules.size(); i++) {
      JsonNode v = rules.get(i);
      String path = "spec.validations[" + i + "]";
      String source = v.path("expression").asText("");
      Expression e = Expression.compile(full, source, source, BOOL);
      note(problems, path + ".expression", e);
      String messageSource = v.path("messageExpression").asText("");
      Expression message = null;
      if (!messageSource.isEmpty()) {
        message = Expression.compile(full, messageSource, messageSource, STRING);
        note(problems, path + ".messageExpression", message);
      }
      validations.add(new Rule(e, message, v.path("message").asText(""), v.path("reason").asText("")));
    }

    List<Named> audit = new ArrayList<>();
    JsonNode annotations = spec.path("auditAnnotations");
    for (int i = 0; i < annotations.size(); i++) {
      String source = annotations.get(i).path("valueExpression").asText("");
      Expression e = Expression.compile(full, source, source.strip(), STRING_OR_NULL);
      note(problems, "spec.auditAnnotations[" + i + "].valueExpression", e);
      audit.add(new Named(annotations.get(i).path("key").asText(""), e));
    }

    return new CompiledPolicy(policy.path("metadata").path("name").asText(""), spec.get("matchConstraints"),
        spec.path("failurePolicy").asText("Fail").equals("Ignore"), paramKind, configurationError, conditions,
        variables, validations, audit, problems);
  }

  /**
   * The problems kube's validation reports on the policy's CEL expressions, field by field, in its
   * order (variables, match conditions, validations with their message expressions, audit
   * annotations). A blank expression is left to the caller, which reports it as required.
   */
  public static List<FieldProblem> problems(JsonNode policy) {
    return compile(policy).problems();
  }

  private static void note(List<FieldProblem> problems, String field, Expression e) {
    if (e.problem() != null && !e.source().isBlank()) {
      problems.add(new FieldProblem(field, e.source(), e.problem()));
    }
  }
}
