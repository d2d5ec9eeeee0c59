package io.logplane.projections.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The problems kube's validation reports on a policy's CEL expressions, field by field, in its words. */
class PolicyCompilerTest {

  private static JsonNode policy(String spec) {
    return Json.object(("{\"metadata\":{\"name\":\"p\"},\"spec\":" + spec + "}").getBytes(StandardCharsets.UTF_8));
  }

  private static FieldProblem only(String spec) {
    List<FieldProblem> problems = PolicyCompiler.problems(policy(spec));
    assertEquals(1, problems.size(), problems.toString());
    return problems.get(0);
  }

  @Test
  void aPolicyWhoseExpressionsCompileHasNoProblem() {
    assertEquals(List.of(), PolicyCompiler.problems(policy("""
        {"paramKind": {"apiVersion": "v1", "kind": "ConfigMap"},
         "matchConditions": [{"name": "c", "expression": "request.operation == 'CREATE'"}],
         "variables": [{"name": "r", "expression": "object.spec.replicas"},
                       {"name": "max", "expression": "int(params.data.max) + 0 * variables.r"}],
         "validations": [{"expression": "variables.r <= variables.max",
                          "messageExpression": "'too many: ' + string(variables.r)"}],
         "auditAnnotations": [{"key": "k", "valueExpression": "has(object.spec) ? 'x' : ''"},
                              {"key": "n", "valueExpression": "null"}]}""")));
  }

  @Test
  void aSyntaxErrorIsReportedOnItsFieldAsKubesCompilerWordsIt() {
    FieldProblem p = only("{\"validations\": [{\"expression\": \"object.spec.replicas >\"}]}");
    assertEquals("spec.validations[0].expression", p.field());
    assertEquals("object.spec.replicas >", p.value());
    assertEquals("compilation failed: ERROR: <input>:1:23: Syntax error: mismatched input '<EOF>' expecting "
        + "{'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, "
        + "IDENTIFIER}\n | object.spec.replicas >\n | ......................^", p.detail());
  }

  @Test
  void anUndeclaredReferenceAndAMissingOverloadAreReportedAsCelGoWordsThem() {
    assertEquals("compilation failed: ERROR: <input>:1:1: undeclared reference to 'foo' (in container '')\n"
        + " | foo.bar == 1\n | ^", only("{\"validations\": [{\"expression\": \"foo.bar == 1\"}]}").detail());
    assertEquals("compilation failed: ERROR: <input>:1:3: found no matching overload for '_+_' applied to "
        + "'(int, string)'\n | 1 + 'a' == 2\n | ..^",
        only("{\"validations\": [{\"expression\": \"1 + 'a' == 2\"}]}").detail());
  }

  @Test
  void expressionsMustHaveTheirFieldsType() {
    FieldProblem notBool = only("{\"validations\": [{\"expression\": \"object.spec.enabled\"}]}");
    assertEquals("must evaluate to bool", notBool.detail());
    assertEquals("Invalid value: \"object.spec.enabled\": must evaluate to bool", notBool.message());
    FieldProblem notString = only("{\"validations\": [{\"expression\": \"true\", \"messageExpression\": \"1\"}]}");
    assertEquals("spec.validations[0].messageExpression", notString.field());
    assertEquals("must evaluate to string", notString.detail());
    FieldProblem audit = only("{\"auditAnnotations\": [{\"key\": \"k\", \"valueExpression\": \"1\"}]}");
    assertEquals("spec.auditAnnotations[0].valueExpression", audit.field());
    assertEquals("must evaluate to one of [string null_type]", audit.detail());
    FieldProblem condition = only("{\"matchConditions\": [{\"name\": \"c\", \"expression\": \"'x'\"}],"
        + " \"validations\": [{\"expression\": \"true\"}]}");
    assertEquals("spec.matchConditions[0].expression", condition.field());
    assertEquals("must evaluate to bool", condition.detail());
  }

  @Test
  void paramsExistOnlyWithAParamKindAndTheAuthorizerNotAtAll() {
    assertEquals("compilation failed: ERROR: <input>:1:1: undeclared reference to 'params' (in container '')\n"
        + " | params.x == 1\n | ^", only("{\"validations\": [{\"expression\": \"params.x == 1\"}]}").detail());
    assertEquals(List.of(), PolicyCompiler.problems(policy("{\"paramKind\": {\"apiVersion\": \"v1\", \"kind\": "
        + "\"ConfigMap\"}, \"validations\": [{\"expression\": \"params.x == 1\"}]}")));
    assertEquals("spec.validations[0].expression", only("{\"validations\": [{\"expression\": "
        + "\"authorizer.group('').resource('pods').check('get').allowed()\"}]}").field());
  }

  @Test
  void aVariableSeesOnlyTheVariablesBeforeItAndMatchConditionsSeeNone() {
    FieldProblem later = only("""
        {"variables": [{"name": "a", "expression": "variables.b"}, {"name": "b", "expression": "1"}],
         "validations": [{"expression": "variables.a == variables.b"}]}""");
    assertEquals("spec.variables[0].expression", later.field());
    assertEquals("compilation failed: ERROR: <input>:1:10: undefined field 'b'\n | variables.b\n | .........^",
        later.detail());
    FieldProblem condition = only("""
        {"variables": [{"name": "a", "expression": "1"}],
         "matchConditions": [{"name": "c", "expression": "variables.a == 1"}],
         "validations": [{"expression": "variables.a == 1"}]}""");
    assertEquals("spec.matchConditions[0].expression", condition.field());
    FieldProblem unknown = only("""
        {"variables": [{"name": "a", "expression": "1"}], "validations": [{"expression": "variables.c == 1"}]}""");
    assertEquals("compilation failed: ERROR: <input>:1:10: undefined field 'c'\n | variables.c == 1\n | .........^",
        unknown.detail());
  }

  @Test
  void problemsComeInKubesOrderAndMatchConditionsAreTrimmedFirst() {
    List<FieldProblem> problems = PolicyCompiler.problems(policy("""
        {"variables": [{"name": "v", "expression": "nope"}],
         "matchConditions": [{"name": "c", "expression": "   nope == 1"}],
         "validations": [{"expression": "nope == 1", "messageExpression": "nope"}],
         "auditAnnotations": [{"key": "k", "valueExpression": " nope"}]}"""));
    assertEquals(List.of("spec.matchConditions[0].expression", "spec.variables[0].expression",
        "spec.validations[0].expression", "spec.validations[0].messageExpression",
        "spec.auditAnnotations[0].valueExpression"), problems.stream().map(FieldProblem::field).toList());
    assertEquals("   nope == 1", problems.get(0).value());
    assertEquals("compilation failed: ERROR: <input>:1:1: undeclared reference to 'nope' (in container '')\n"
        + " | nope == 1\n | ^", problems.get(0).detail());
  }

  @Test
  void aBlankExpressionIsLeftToTheCallersRequiredCheck() {
    assertEquals(List.of(), PolicyCompiler.problems(policy("{\"validations\": [{\"expression\": \"  \"}]}")));
  }
}
