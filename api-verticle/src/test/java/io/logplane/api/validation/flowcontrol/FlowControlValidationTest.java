package io.logplane.api.validation.flowcontrol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.admission.Defaults;
import io.logplane.api.admission.Validation;
import io.logplane.api.flowcontrol.Bootstrap;
import io.logplane.api.http.ApiException;
import io.logplane.api.resources.BuiltinResources;
import io.logplane.api.resources.ResourceType;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.Validators;
import io.logplane.projections.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FlowSchema's rules, and every bootstrap object passing both kinds' after defaulting. */
class FlowControlValidationTest {

  static final String GROUP = "flowcontrol.apiserver.k8s.io";

  static ObjectNode json(String text) {
    return Json.object(text.getBytes(StandardCharsets.UTF_8));
  }

  static List<String> errors(KindValidator v, String object) {
    FieldErrors errors = new FieldErrors();
    v.validate(json(object), errors);
    return errors.causes().stream().map(c -> c.field() + ": " + c.message()).toList();
  }

  private static List<String> schema(String spec) {
    return errors(new FlowSchemaValidator(), "{\"metadata\":{\"name\":\"fs\"},\"spec\":" + spec + "}");
  }

  /** A valid spec but for one rule, given as JSON. */
  private static List<String> rule(String rule) {
    return schema("{\"priorityLevelConfiguration\":{\"name\":\"p\"},\"matchingPrecedence\":500,\"rules\":["
        + rule + "]}");
  }

  private static final String USERS = "\"subjects\":[{\"kind\":\"Group\",\"group\":{\"name\":\"g\"}}]";

  @Test
  void aValidSchemaPasses() {
    assertEquals(List.of(), schema("""
        {"priorityLevelConfiguration": {"name": "workload-high"}, "matchingPrecedence": 500,
         "distinguisherMethod": {"type": "ByNamespace"},
         "rules": [{"subjects": [{"kind": "User", "user": {"name": "u"}},
                                 {"kind": "ServiceAccount", "serviceAccount": {"namespace": "ns", "name": "*"}}],
                    "resourceRules": [{"verbs": ["get", "watch"], "apiGroups": ["", "apps"],
                                       "resources": ["pods", "deployments"], "namespaces": ["a", "b"]}],
                    "nonResourceRules": [{"verbs": ["*"], "nonResourceURLs": ["/", "/healthz", "/api/*"]}]}]}
        """));
  }

  @Test
  void theLevelIsRequiredAndThePrecedenceWithinRange() {
    assertEquals(List.of("spec.matchingPrecedence: Invalid value: 0: must be a positive value",
        "spec.priorityLevelConfiguration.name: Required value: must reference a priority level"), schema("{}"));
    assertEquals(List.of("spec.matchingPrecedence: Invalid value: 10001: must not be greater than 10000"),
        schema("{\"priorityLevelConfiguration\":{\"name\":\"p\"},\"matchingPrecedence\":10001}"));
    assertEquals(List.of("spec.matchingPrecedence: Invalid value: 1: only the schema named 'exempt' may have"
        + " matchingPrecedence 1"), schema("{\"priorityLevelConfiguration\":{\"name\":\"p\"},\"matchingPrecedence\":1}"));
    assertEquals(List.of("spec.priorityLevelConfiguration.name: Invalid value: \"Not_A_Name\": a lowercase RFC 1123"
        + " subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an"
        + " alphanumeric character (e.g. 'example.com', regex used for validation is"
        + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
        schema("{\"priorityLevelConfiguration\":{\"name\":\"Not_A_Name\"},\"matchingPrecedence\":5}"));
  }

  @Test
  void theDistinguisherMethodIsByUserOrByNamespace() {
    assertEquals(List.of("spec.distinguisherMethod.type: Unsupported value:"
        + " flowcontrol.FlowDistinguisherMethod{Type:\"ByPod\"}: supported values: \"ByNamespace\", \"ByUser\""),
        schema("{\"priorityLevelConfiguration\":{\"name\":\"p\"},\"matchingPrecedence\":5,"
            + "\"distinguisherMethod\":{\"type\":\"ByPod\"}}"));
  }

  @Test
  void aRuleHasSubjectsAndResourceOrNonResourceRules() {
    assertEquals(List.of("spec.rules[0].subjects: Required value: subjects must contain at least one value",
        "spec.rules[0]: Required value: at least one of resourceRules and nonResourceRules has to be non-empty"),
        rule("{}"));
  }

  @Test
  void eachSubjectCarriesTheMemberOfItsKindOnly() {
    String nonResource = ",\"nonResourceRules\":[{\"verbs\":[\"get\"],\"nonResourceURLs\":[\"/x\"]}]";
    assertEquals(List.of("spec.rules[0].subjects[0].kind: Unsupported value: \"Robot\": supported values:"
        + " \"Group\", \"ServiceAccount\", \"User\"",
        "spec.rules[0].subjects[1].user: Required value: user is required when subject kind is 'User'",
        "spec.rules[0].subjects[1].group: Forbidden: group is forbidden when subject kind is not 'Group'",
        "spec.rules[0].subjects[2].group.name: Required value",
        "spec.rules[0].subjects[2].serviceAccount: Forbidden: serviceAccount is forbidden when subject kind is not"
            + " 'ServiceAccount'",
        "spec.rules[0].subjects[2].user: Forbidden: user is forbidden when subject kind is not 'User'",
        "spec.rules[0].subjects[3].serviceAccount: Required value: serviceAccount is required when subject kind is"
            + " 'ServiceAccount'"),
        rule("{\"subjects\":[{\"kind\":\"Robot\",\"user\":{\"name\":\"u\"}},"
            + "{\"kind\":\"User\",\"group\":{\"name\":\"g\"}},"
            + "{\"kind\":\"Group\",\"group\":{},\"serviceAccount\":{\"namespace\":\"n\",\"name\":\"s\"},"
            + "\"user\":{\"name\":\"u\"}},{\"kind\":\"ServiceAccount\"}]" + nonResource + "}"));
    List<String> account = rule("{\"subjects\":[{\"kind\":\"ServiceAccount\",\"serviceAccount\":{}},"
        + "{\"kind\":\"ServiceAccount\",\"serviceAccount\":{\"name\":\"A\",\"namespace\":\"a.b\"}}]" + nonResource + "}");
    assertEquals(List.of("spec.rules[0].subjects[0].serviceAccount.name: Required value",
        "spec.rules[0].subjects[0].serviceAccount.namespace: Required value: must specify namespace for service"
            + " account"), account.subList(0, 2));
    assertEquals(true, account.get(2).startsWith("spec.rules[0].subjects[1].serviceAccount.name: Invalid value:"
        + " \"A\": a lowercase RFC 1123 subdomain"), account.get(2));
    assertEquals(true, account.get(3).startsWith("spec.rules[0].subjects[1].serviceAccount.namespace: Invalid"
        + " value: \"a.b\": a lowercase RFC 1123 label"), account.get(3));
    assertEquals(4, account.size(), account.toString());
  }

  @Test
  void resourceRulesNameVerbsGroupsResourcesAndNamespacesWithAWildcardAlone() {
    assertEquals(List.of("spec.rules[0].resourceRules[0].verbs: Required value: verbs must contain at least one value",
        "spec.rules[0].resourceRules[0].apiGroups: Required value: resource rules must supply at least one api group",
        "spec.rules[0].resourceRules[0].resources: Required value: resource rules must supply at least one resource",
        "spec.rules[0].resourceRules[0].namespaces: Required value: resource rules that are not cluster scoped must"
            + " supply at least one namespace"),
        rule("{" + USERS + ",\"resourceRules\":[{}]}"));
    assertEquals(List.of("spec.rules[0].resourceRules[0].verbs: Invalid value: []string{\"get\", \"*\"}: if '*' is"
        + " present, must not specify other verbs",
        "spec.rules[0].resourceRules[0].apiGroups: Invalid value: []string{\"*\", \"apps\"}: if '*' is present, must"
            + " not specify other api groups",
        "spec.rules[0].resourceRules[0].resources: Invalid value: []string{\"pods\", \"*\"}: if '*' is present, must"
            + " not specify other resources",
        "spec.rules[0].resourceRules[0].namespaces: Invalid value: []string{\"*\", \"a\"}: if '*' is present, must"
            + " not specify other namespaces"),
        rule("{" + USERS + ",\"resourceRules\":[{\"verbs\":[\"get\",\"*\"],\"apiGroups\":[\"*\",\"apps\"],"
            + "\"resources\":[\"pods\",\"*\"],\"namespaces\":[\"*\",\"a\"]}]}"));
    assertEquals(List.of("spec.rules[0].resourceRules[0].verbs: Unsupported value: []string{\"get\", \"escalate\"}:"
        + " supported values: \"create\", \"delete\", \"deletecollection\", \"get\", \"list\", \"patch\", \"proxy\","
        + " \"update\", \"watch\"",
        "spec.rules[0].resourceRules[0].namespaces[1]: Invalid value: \"Bad\": each member of this list must be '*'"
            + " or a DNS-1123 label; a lowercase RFC 1123 label must consist of lower case alphanumeric characters or"
            + " '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used"
            + " for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"),
        rule("{" + USERS + ",\"resourceRules\":[{\"verbs\":[\"get\",\"escalate\"],\"apiGroups\":[\"\"],"
            + "\"resources\":[\"pods\"],\"namespaces\":[\"ok\",\"Bad\"]}]}"));
    assertEquals(List.of(), rule("{" + USERS + ",\"resourceRules\":[{\"verbs\":[\"*\"],\"apiGroups\":[\"*\"],"
        + "\"resources\":[\"*\"],\"clusterScope\":true}]}"));
  }

  @Test
  void nonResourceUrlsArePathsWithASuffixWildcard() {
    assertEquals(List.of("spec.rules[0].nonResourceRules[0].verbs: Required value: verbs must contain at least one"
        + " value", "spec.rules[0].nonResourceRules[0].nonResourceURLs: Required value: nonResourceURLs must contain"
        + " at least one value"), rule("{" + USERS + ",\"nonResourceRules\":[{}]}"));
    assertEquals(List.of("spec.rules[0].nonResourceRules[0].nonResourceURLs: Invalid value: []string{\"/a\", \"*\"}:"
        + " if '*' is present, must not specify other non-resource URLs"),
        rule("{" + USERS + ",\"nonResourceRules\":[{\"verbs\":[\"get\"],\"nonResourceURLs\":[\"/a\",\"*\"]}]}"));
    String prefix = "spec.rules[0].nonResourceRules[0].nonResourceURLs";
    assertEquals(List.of(prefix + "[0]: Invalid value: \"\": must not be empty",
        prefix + "[1]: Invalid value: \"healthz\": must start with slash",
        prefix + "[2]: Invalid value: \"/a b\": must not contain white-space",
        prefix + "[3]: Invalid value: \"/a//b\": must not contain double slash",
        prefix + "[4]: Invalid value: \"/a*\": wildcard can only do suffix matching",
        prefix + "[5]: Invalid value: \"/*/b/*\": wildcard can only do suffix matching"),
        rule("{" + USERS + ",\"nonResourceRules\":[{\"verbs\":[\"get\"],\"nonResourceURLs\":"
            + "[\"\",\"healthz\",\"/a b\",\"/a//b\",\"/a*\",\"/*/b/*\",\"/\",\"/apis/*\"]}]}"));
  }

  @Test
  void aMandatorySchemaKeepsItsFixedSpec() {
    ObjectNode exempt = Bootstrap.mandatoryFlowSchema("exempt").orElseThrow();
    assertEquals(List.of(), errors(new FlowSchemaValidator(), exempt.toString()));
    ObjectNode catchAll = Bootstrap.mandatoryFlowSchema("catch-all").orElseThrow();
    ((ObjectNode) catchAll.path("spec")).put("matchingPrecedence", 9999);
    assertEquals(1, errors(new FlowSchemaValidator(), catchAll.toString()).size());
    ObjectNode probes = Bootstrap.suggestedFlowSchemas().get(2);
    ObjectNode empty = probes.deepCopy();
    ((ObjectNode) empty.path("spec").path("rules").get(0)).putArray("resourceRules");
    ((ObjectNode) empty.path("spec").path("rules").get(0).path("subjects").get(0)).putNull("user");
    assertEquals(true, GoSpecs.sameFlowSchemaSpec(probes.path("spec"), empty.path("spec")), "empty equals none");
    ((ObjectNode) empty.path("spec")).putObject("distinguisherMethod");
    assertEquals(false, GoSpecs.sameFlowSchemaSpec(probes.path("spec"), empty.path("spec")), "nil differs from {}");
    assertEquals(List.of("spec: Invalid value: flowcontrol.FlowSchemaSpec{PriorityLevelConfiguration:"
        + "flowcontrol.PriorityLevelConfigurationReference{Name:\"exempt\"}, MatchingPrecedence:1,"
        + " DistinguisherMethod:(*flowcontrol.FlowDistinguisherMethod)(0xc000000000),"
        + " Rules:[]flowcontrol.PolicyRulesWithSubjects(nil)}: spec of 'exempt' must equal the fixed value"),
        errors(new FlowSchemaValidator(), "{\"metadata\":{\"name\":\"exempt\"},\"spec\":{\"priorityLevelConfiguration\":"
            + "{\"name\":\"exempt\"},\"matchingPrecedence\":1,\"distinguisherMethod\":{\"type\":\"ByUser\"}}}"));
  }

  @Test
  void aSpecRendersAsGoPrintsTheInternalStruct() {
    assertEquals("flowcontrol.FlowSchemaSpec{PriorityLevelConfiguration:flowcontrol.PriorityLevelConfigurationReference"
        + "{Name:\"catch-all\"}, MatchingPrecedence:10000, DistinguisherMethod:"
        + "(*flowcontrol.FlowDistinguisherMethod)(0xc000000000), Rules:[]flowcontrol.PolicyRulesWithSubjects{"
        + "flowcontrol.PolicyRulesWithSubjects{Subjects:[]flowcontrol.Subject{flowcontrol.Subject{Kind:\"Group\","
        + " User:(*flowcontrol.UserSubject)(nil), Group:(*flowcontrol.GroupSubject)(0xc000000000),"
        + " ServiceAccount:(*flowcontrol.ServiceAccountSubject)(nil)}, flowcontrol.Subject{Kind:\"Group\","
        + " User:(*flowcontrol.UserSubject)(nil), Group:(*flowcontrol.GroupSubject)(0xc000000000),"
        + " ServiceAccount:(*flowcontrol.ServiceAccountSubject)(nil)}}, ResourceRules:[]flowcontrol.ResourcePolicyRule{"
        + "flowcontrol.ResourcePolicyRule{Verbs:[]string{\"*\"}, APIGroups:[]string{\"*\"}, Resources:[]string{\"*\"},"
        + " ClusterScope:true, Namespaces:[]string{\"*\"}}}, NonResourceRules:[]flowcontrol.NonResourcePolicyRule{"
        + "flowcontrol.NonResourcePolicyRule{Verbs:[]string{\"*\"}, NonResourceURLs:[]string{\"*\"}}}}}}",
        GoSpecs.renderFlowSchemaSpec(Bootstrap.mandatoryFlowSchema("catch-all").orElseThrow().path("spec"))
            .toString());
  }

  @Test
  void statusConditionsHaveDistinctTypes() {
    assertEquals(List.of("status.conditions[1].type: Duplicate value: \"Dangling\"",
        "status.conditions[2].type: Required value: must not be empty"),
        errors(new FlowSchemaValidator(), "{\"metadata\":{\"name\":\"fs\"},\"spec\":{\"priorityLevelConfiguration\":"
            + "{\"name\":\"p\"},\"matchingPrecedence\":9},\"status\":{\"conditions\":[{\"type\":\"Dangling\"},"
            + "{\"type\":\"Dangling\"},{}]}}"));
  }

  @Test
  void bothKindsAreRegistered() {
    assertEquals(true, Validators.of(GROUP, "flowschemas").orElseThrow() instanceof FlowSchemaValidator);
    assertEquals(true, Validators.of(GROUP, "prioritylevelconfigurations").orElseThrow()
        instanceof PriorityLevelValidator);
  }

  @Test
  void everyBootstrapObjectPassesAfterDefaulting() {
    List<ObjectNode> all = new ArrayList<>();
    all.addAll(Bootstrap.mandatoryPriorityLevelConfigurations());
    all.addAll(Bootstrap.suggestedPriorityLevelConfigurations());
    all.addAll(Bootstrap.mandatoryFlowSchemas());
    all.addAll(Bootstrap.suggestedFlowSchemas());
    assertEquals(21, all.size());
    for (ObjectNode o : all) {
      String resource = o.path("kind").asText().equals("FlowSchema") ? "flowschemas" : "prioritylevelconfigurations";
      ResourceType t = BuiltinResources.all().stream()
          .filter(r -> r.group().equals(GROUP) && r.resource().equals(resource)).findFirst().orElseThrow();
      Defaults.apply(t, o);
      try {
        Validation.check(t, o);
      } catch (ApiException e) {
        throw new AssertionError(o.path("metadata").path("name").asText() + ": " + e.getMessage(), e);
      }
    }
  }
}
