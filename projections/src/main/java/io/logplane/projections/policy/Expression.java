package io.logplane.projections.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.compiler.CelCompiler;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One CEL expression of a policy compiled once, as kube's {@code CompileCELExpression}: it
 * compiles, and its type is one the field allows (a validation's is bool, a message
 * expression's string), else it carries kube's reason ("compilation failed: ERROR: ...",
 * "must evaluate to bool"). Evaluating it gives a value or kube's error message.
 */
final class Expression {

  /** What an evaluation gave: a value, or kube's words for why there is none. */
  record Result(Object value, String error) {
    boolean failed() {
      return error != null;
    }
  }

  /** cel-go's prefix for the parser's (ANTLR's) errors, which cel-java leaves out. */
  private static final Pattern SYNTAX = Pattern.compile("(?m)^(ERROR: <input>:\\d+:\\d+: )(?=mismatched input "
      + "|extraneous input |no viable alternative |token recognition error |missing )");
  /** The candidates cel-java lists after "found no matching overload", which cel-go does not. */
  private static final Pattern CANDIDATES = Pattern.compile("(?m)^(ERROR: .*found no matching overload .*?)"
      + " \\(candidates: .*\\)$");

  private final String source;
  private final CelRuntime.Program program;
  private final String problem;

  private Expression(String source, CelRuntime.Program program, String problem) {
    this.source = source;
    this.program = program;
    this.problem = problem;
  }

  /**
   * Compiles {@code text} (the expression, trimmed where kube trims it before compiling) of
   * the expression {@code source} as written; {@code allowed} empty allows any type.
   */
  static Expression compile(CelCompiler compiler, String source, String text, List<CelType> allowed) {
    CelValidationResult result = compiler.compile(text);
    if (result.hasError()) {
      return new Expression(source, null, "compilation failed: " + kubeWording(result.getErrorString()));
    }
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      if (!allowed.isEmpty() && !allowed.contains(ast.getResultType())) {
        String reason = allowed.size() == 1 ? "must evaluate to " + allowed.get(0).name()
            : "must evaluate to one of "
                + allowed.stream().map(CelType::name).collect(Collectors.joining(" ", "[", "]"));
        return new Expression(source, null, reason);
      }
      return new Expression(source, CelEnvironment.RUNTIME.createProgram(ast), null);
    } catch (CelValidationException e) {
      return new Expression(source, null, "compilation failed: " + e.getMessage());
    } catch (CelEvaluationException e) {
      return new Expression(source, null, "program instantiation failed: " + e.getMessage());
    }
  }

  /** cel-java's compile errors in cel-go's words where they differ, as kube prints them. */
  static String kubeWording(String errors) {
    String s = SYNTAX.matcher(errors).replaceAll("$1Syntax error: ");
    return CANDIDATES.matcher(s).replaceAll("$1").replace("'%%'", "'%'");
  }

  /** The expression as the policy wrote it. */
  String source() {
    return source;
  }

  /** Why it did not compile, in kube's words; null when it did. */
  String problem() {
    return problem;
  }

  /**
   * Evaluates over {@code vars}. An expression that did not compile fails with "compilation
   * error: ..."; one that fails fails with "expression '...' resulted in error: ...", as
   * kube's filter reports them.
   */
  Result eval(Map<String, Object> vars) {
    if (problem != null) {
      return new Result(null, "compilation error: " + problem);
    }
    try {
      return new Result(program.eval(vars), null);
    } catch (CelEvaluationException | Variables.Failure e) {
      return new Result(null, "expression '" + source + "' resulted in error: " + CelValues.describe(e));
    }
  }

  /** Evaluates a variable: its value, or the bare error kube's "composited variable" message wraps. */
  Result evalBare(Map<String, Object> vars) {
    if (problem != null) {
      return new Result(null, problem);
    }
    try {
      return new Result(program.eval(vars), null);
    } catch (CelEvaluationException | Variables.Failure e) {
      return new Result(null, CelValues.describe(e));
    }
  }
}
