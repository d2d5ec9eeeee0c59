package io.logplane.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceQuotaValidatorTest {

  static String quota(String spec) {
    return "{\"metadata\":{\"name\":\"q\"},\"spec\":{" + spec + "}}";
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("valid", quota("\"hard\":{\"pods\":\"10\",\"requests.cpu\":\"4\",\"count/deployments.apps\":\"5\"}"),
            List.of()),
        Arguments.of("negative", quota("\"hard\":{\"pods\":\"-1\"}"),
            List.of("spec.hard[pods]: Invalid value: \"-1\": must be greater than or equal to 0")),
        Arguments.of("half a pod", quota("\"hard\":{\"pods\":\"500m\"}"),
            List.of("spec.hard[pods]: Invalid value: \"500m\": must be an integer")),
        Arguments.of("resource bogus", quota("\"hard\":{\"bogus\":\"1\"}"),
            List.of("spec.hard[bogus]: Invalid value: \"bogus\": must be a standard resource type or fully qualified",
                "spec.hard[bogus]: Invalid value: \"bogus\": must be a standard resource for quota")),
        Arguments.of("scope Sometimes", quota("\"hard\":{\"pods\":\"1\"},\"scopes\":[\"Sometimes\"]"),
            List.of("spec.scopes: Invalid value: []string{\"Sometimes\"}: unsupported scope")),
        Arguments.of("BestEffort limiting cpu", quota("\"hard\":{\"pods\":\"1\",\"requests.cpu\":\"1\"},\"scopes\":"
            + "[\"BestEffort\"]"), List.of("spec.scopes: Invalid value: []string{\"BestEffort\"}: unsupported scope"
            + " applied to resource")),
        Arguments.of("operator Near", quota("\"hard\":{\"pods\":\"1\"},\"scopeSelector\":{\"matchExpressions\":"
            + "[{\"scopeName\":\"PriorityClass\",\"operator\":\"Near\"}]}"),
            List.of("spec.scopeSelector.matchExpressions.operator: Invalid value: \"Near\": not a valid selector"
                + " operator")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void create(String name, String json, List<String> expected) {
    assertEquals(expected, Check.create("", "resourcequotas", json));
  }

  @org.junit.jupiter.api.Test
  void scopesDoNotChange() {
    assertEquals(List.of("spec.scopes: Invalid value: []string{\"NotBestEffort\"}: field is immutable"),
        Check.update("", "resourcequotas", quota("\"hard\":{\"pods\":\"1\"},\"scopes\":[\"BestEffort\"]"),
            quota("\"hard\":{\"pods\":\"1\"},\"scopes\":[\"NotBestEffort\"]")));
  }
}
