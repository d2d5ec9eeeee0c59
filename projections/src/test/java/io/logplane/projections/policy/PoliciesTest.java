package io.logplane.projections.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Policies and bindings over requests: kube's decisions, messages, warnings and audit annotations. */
class PoliciesTest {

  static JsonNode json(String s) {
    return Json.object(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A policy named {@code name} on apps/v1 deployments (CREATE, UPDATE) with these other spec fields. */
  static CompiledPolicy policy(String name, String spec) {
    CompiledPolicy p = PolicyCompiler.compile(json("{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{"
        + "\"matchConstraints\":{\"resourceRules\":[{\"apiGroups\":[\"apps\"],\"apiVersions\":[\"v1\"],"
        + "\"operations\":[\"CREATE\",\"UPDATE\"],\"resources\":[\"deployments\"]}]}," + spec + "}}"));
    assertEquals(List.of(), p.problems());
    return p;
  }

  static JsonNode binding(String name, String policy, String spec) {
    return json("{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"policyName\":\"" + policy + "\"" + spec + "}}");
  }

  static Attributes create(int replicas) {
    return Attributes.of("CREATE", "apps", "v1", "deployments", "Deployment", "default", "web",
        json("{\"metadata\":{\"name\":\"web\",\"namespace\":\"default\"},\"spec\":{\"replicas\":" + replicas + "}}"),
        null, new Attributes.UserInfo("alice", "u1", List.of("dev"), Map.of()));
  }

  static PolicyDecision evaluate(Attributes a, CompiledPolicy policy, JsonNode... bindings) {
    return Policies.evaluate(a, List.of(policy), List.of(bindings), ParamLookup.NONE, null);
  }

  private static final String REPLICAS = "\"validations\":[{\"expression\":\"object.spec.replicas <= 5\"}]";
  private static final String DENY = ",\"validationActions\":[\"Deny\"]";

  @Test
  void aFailedValidationDeniesWithKubesMessageReasonAndCode() {
    CompiledPolicy p = policy("max-replicas", REPLICAS);
    JsonNode b = binding("max-replicas-binding", "max-replicas", DENY);
    assertTrue(evaluate(create(3), p, b).allowed());
    PolicyDecision.Deny deny = evaluate(create(10), p, b).deny();
    assertEquals("deployments.apps \"web\" is forbidden: ValidatingAdmissionPolicy 'max-replicas' with binding "
        + "'max-replicas-binding' denied request: failed expression: object.spec.replicas <= 5", deny.message());
    assertEquals("ValidatingAdmissionPolicy 'max-replicas' with binding 'max-replicas-binding' denied request: "
        + "failed expression: object.spec.replicas <= 5", deny.cause());
    assertEquals(422, deny.code());
    assertEquals("Invalid", deny.reason());
    JsonNode status = deny.status();
    assertEquals("Failure", status.path("status").asText());
    assertEquals("deployments", status.path("details").path("kind").asText());
    assertEquals("apps", status.path("details").path("group").asText());
    assertEquals("web", status.path("details").path("name").asText());
    assertEquals(deny.cause(), status.path("details").path("causes").get(0).path("message").asText());
    assertEquals(422, status.path("code").asInt());
  }

  @Test
  void onlyTheBindingsOfThePolicyApply() {
    CompiledPolicy p = policy("max-replicas", REPLICAS);
    assertTrue(evaluate(create(10), p, binding("other", "other-policy", DENY)).allowed());
    assertTrue(evaluate(create(10), p).allowed(), "a policy without binding does nothing");
  }

  @Test
  void theMessageIsTheMessageExpressionsThenTheMessageThenTheExpression() {
    String withExpression = "\"validations\":[{\"expression\":\"object.spec.replicas <= 5\",\"message\":\"too many\","
        + "\"messageExpression\":\"'replicas ' + string(object.spec.replicas) + ' > 5'\"}]";
    JsonNode b = binding("b", "p", DENY);
    assertEquals("replicas 10 > 5", cause(evaluate(create(10), policy("p", withExpression), b)));
    String failing = "\"validations\":[{\"expression\":\"object.spec.replicas <= 5\",\"message\":\" too many \","
        + "\"messageExpression\":\"object.spec.missing + ''\"}]";
    assertEquals("too many", cause(evaluate(create(10), policy("p", failing), b)));
    String blank = "\"validations\":[{\"expression\":\"object.spec.replicas <= 5\",\"messageExpression\":\"'  '\"}]";
    assertEquals("failed expression: object.spec.replicas <= 5", cause(evaluate(create(10), policy("p", blank), b)));
    String multiline = "\"validations\":[{\"expression\":\"object.spec.replicas <= 5\",\"message\":\"m\","
        + "\"messageExpression\":\"'a\\\\nb'\"}]";
    assertEquals("m", cause(evaluate(create(10), policy("p", multiline), b)));
  }

  private static String cause(PolicyDecision d) {
    String c = d.deny().cause();
    return c.substring(c.indexOf("denied request: ") + "denied request: ".length());
  }

  @Test
  void theReasonGivesTheCode() {
    JsonNode b = binding("b", "p", DENY);
    for (var reasonAndCode : Map.of("Forbidden", 403, "Unauthorized", 401, "RequestEntityTooLarge", 413,
        "Invalid", 422).entrySet()) {
      CompiledPolicy p = policy("p", "\"validations\":[{\"expression\":\"false\",\"reason\":\""
          + reasonAndCode.getKey() + "\"}]");
      PolicyDecision.Deny deny = evaluate(create(1), p, b).deny();
      assertEquals(reasonAndCode.getKey(), deny.reason());
      assertEquals(reasonAndCode.getValue(), deny.code());
    }
  }

  @Test
  void warnAndAuditAdmitWithAWarningAndKubesAnnotation() {
    CompiledPolicy p = policy("p", "\"validations\":[{\"expression\":\"true\"},"
        + "{\"expression\":\"object.spec.replicas < 6 && request.name != '<&>'\"}]");
    PolicyDecision d = evaluate(create(10), p, binding("b", "p", ",\"validationActions\":[\"Warn\",\"Audit\"]"));
    assertNull(d.deny());
    assertEquals(List.of("Validation failed for ValidatingAdmissionPolicy 'p' with binding 'b': failed expression: "
        + "object.spec.replicas < 6 && request.name != '<&>'"), d.warnings());
    assertEquals(Map.of("validation.policy.admission.k8s.io/validation_failure",
        "[{\"message\":\"failed expression: object.spec.replicas \\u003c 6 \\u0026\\u0026 request.name != "
            + "'\\u003c\\u0026\\u003e'\",\"policy\":\"p\",\"binding\":\"b\",\"expressionIndex\":1,"
            + "\"validationActions\":[\"Warn\",\"Audit\"]}]"), d.auditAnnotations());
  }

  @Test
  void anErrorDeniesUnderFailAndIsSkippedUnderIgnore() {
    String missing = "\"validations\":[{\"expression\":\"object.spec.missing == 1\"}]";
    JsonNode b = binding("b", "p", DENY);
    PolicyDecision.Deny deny = evaluate(create(1), policy("p", missing), b).deny();
    assertEquals("ValidatingAdmissionPolicy 'p' with binding 'b' denied request: expression "
        + "'object.spec.missing == 1' resulted in error: no such key: missing", deny.cause());
    assertEquals(422, deny.code());
    assertTrue(evaluate(create(1), policy("p", "\"failurePolicy\":\"Ignore\"," + missing), b).allowed());
  }

  @Test
  void matchConditionsDecideWhetherThePolicyApplies() {
    String spec = "\"matchConditions\":[{\"name\":\"not-web\",\"expression\":\"object.metadata.name != 'web'\"}],"
        + "\"validations\":[{\"expression\":\"false\"}]";
    JsonNode b = binding("b", "p", DENY);
    assertTrue(evaluate(create(1), policy("p", spec), b).allowed());
    String error = "\"matchConditions\":[{\"name\":\"e\",\"expression\":\"object.spec.missing == 1\"}],"
        + "\"validations\":[{\"expression\":\"false\"}]";
    assertEquals("ValidatingAdmissionPolicy 'p' with binding 'b' denied request: expression "
        + "'object.spec.missing == 1' resulted in error: no such key: missing",
        evaluate(create(1), policy("p", error), b).deny().cause());
    assertTrue(evaluate(create(1), policy("p", "\"failurePolicy\":\"Ignore\"," + error), b).allowed());
    String falseWins = "\"matchConditions\":[{\"name\":\"e\",\"expression\":\"object.spec.missing == 1\"},"
        + "{\"name\":\"f\",\"expression\":\"false\"}],\"validations\":[{\"expression\":\"false\"}]";
    assertTrue(evaluate(create(1), policy("p", falseWins), b).allowed(), "one false condition: does not apply");
  }

  @Test
  void variablesAreSharedAndTheirErrorsNamed() {
    String spec = "\"variables\":[{\"name\":\"replicas\",\"expression\":\"object.spec.replicas\"},"
        + "{\"name\":\"twice\",\"expression\":\"variables.replicas * 2\"},"
        + "{\"name\":\"bad\",\"expression\":\"object.spec.missing\"}],"
        + "\"validations\":[{\"expression\":\"variables.twice <= 10\","
        + "\"messageExpression\":\"'twice is ' + string(variables.twice)\"}]";
    JsonNode b = binding("b", "p", DENY);
    assertTrue(evaluate(create(5), policy("p", spec), b).allowed());
    assertEquals("twice is 12", cause(evaluate(create(6), policy("p", spec), b)));
    String bad = spec.replace("variables.twice <= 10", "variables.bad == 1");
    assertEquals("expression 'variables.bad == 1' resulted in error: composited variable \"bad\" fails to "
        + "evaluate: no such key: missing", cause(evaluate(create(1), policy("p", bad), b)));
  }

  @Test
  void auditAnnotationsArePublishedUnderThePolicysName() {
    String spec = "\"auditAnnotations\":[{\"key\":\"replicas\",\"valueExpression\":\"string(object.spec.replicas)\"},"
        + "{\"key\":\"none\",\"valueExpression\":\"null\"},{\"key\":\"empty\",\"valueExpression\":\"' '\"}]";
    PolicyDecision d = evaluate(create(7), policy("p", spec), binding("b", "p", DENY), binding("c", "p", DENY));
    assertTrue(d.allowed());
    assertEquals(Map.of("p/replicas", "7"), d.auditAnnotations());
  }

  @Test
  void theRequestAndNamespaceAreVariables() {
    String spec = "\"validations\":[{\"expression\":\"request.operation == 'CREATE' && request.name == 'web'"
        + " && request.userInfo.username == 'alice' && 'dev' in request.userInfo.groups"
        + " && request.kind.kind == 'Deployment' && request.resource.resource == 'deployments'"
        + " && !has(request.subResource) && request.namespace == 'default' && oldObject == null"
        + " && namespaceObject.metadata.labels.env == 'prod'\"}]";
    JsonNode namespace = json("{\"metadata\":{\"name\":\"default\",\"labels\":{\"env\":\"prod\"}}}");
    PolicyDecision d = Policies.evaluate(create(1), List.of(policy("p", spec)), List.of(binding("b", "p", DENY)),
        ParamLookup.NONE, namespace);
    assertTrue(d.allowed(), () -> d.deny().message());
  }

  @Test
  void onDeleteTheObjectIsNullAndTheOldObjectIsTheDeletedOne() {
    CompiledPolicy p = PolicyCompiler.compile(json("{\"metadata\":{\"name\":\"p\"},\"spec\":{\"matchConstraints\":"
        + "{\"resourceRules\":[{\"apiGroups\":[\"apps\"],\"apiVersions\":[\"v1\"],\"operations\":[\"DELETE\"],"
        + "\"resources\":[\"deployments\"]}]},\"validations\":[{\"expression\":\"object == null && "
        + "!oldObject.metadata.name.startsWith('keep-')\",\"reason\":\"Forbidden\"}]}}"));
    Attributes delete = Attributes.of("DELETE", "apps", "v1", "deployments", "Deployment", "default", "keep-web",
        null, json("{\"metadata\":{\"name\":\"keep-web\"}}"), null);
    PolicyDecision.Deny deny = evaluate(delete, p, binding("b", "p", DENY)).deny();
    assertEquals(403, deny.code());
    assertEquals("deployments.apps \"keep-web\" is forbidden: ValidatingAdmissionPolicy 'p' with binding 'b' denied "
        + "request: failed expression: object == null && !oldObject.metadata.name.startsWith('keep-')",
        deny.message());
    assertTrue(evaluate(create(1), p, binding("b", "p", DENY)).allowed(), "CREATE is not matched");
  }

  @Test
  void thePolicyKindsThemselvesAreNeverEvaluated() {
    CompiledPolicy p = PolicyCompiler.compile(json("{\"metadata\":{\"name\":\"p\"},\"spec\":{\"matchConstraints\":"
        + "{\"resourceRules\":[{\"apiGroups\":[\"*\"],\"apiVersions\":[\"*\"],\"operations\":[\"*\"],"
        + "\"resources\":[\"*\"]}]},\"validations\":[{\"expression\":\"false\"}]}}"));
    Attributes a = Attributes.of("CREATE", "admissionregistration.k8s.io", "v1", "validatingadmissionpolicies",
        "ValidatingAdmissionPolicy", "", "q", json("{\"metadata\":{\"name\":\"q\"}}"), null, null);
    assertTrue(evaluate(a, p, binding("b", "p", DENY)).allowed());
    Attributes other = Attributes.of("CREATE", "", "v1", "configmaps", "ConfigMap", "default", "c",
        json("{\"metadata\":{\"name\":\"c\"}}"), null, null);
    assertEquals("configmaps \"c\" is forbidden: ValidatingAdmissionPolicy 'p' with binding 'b' denied request: "
        + "failed expression: false", evaluate(other, p, binding("b", "p", DENY)).deny().message());
  }
}
