package io.logplane.api.validation.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.workloads.Admit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PodDisruptionBudget creates against kube 1.28's causes. */
class PodDisruptionBudgetValidatorTest {

  static final ObjectNode BASE = Admit.yaml("""
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata: {name: web}
      spec:
        minAvailable: 1
        selector: {matchLabels: {app: web}}
      """);

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("valid", "", List.of()),
        Arguments.of("valid percent", "spec: {minAvailable: null, maxUnavailable: 50%}", List.of()),
        Arguments.of("both", "spec: {maxUnavailable: 1}", List.of(
            "spec: Invalid value: policy.PodDisruptionBudgetSpec{...}: minAvailable and maxUnavailable cannot be both"
                + " set")),
        Arguments.of("negative", "spec: {minAvailable: -1}", List.of(
            "spec.minAvailable: Invalid value: -1: must be greater than or equal to 0")),
        Arguments.of("over 100%", "spec: {minAvailable: 101%}", List.of(
            "spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"101%\"}: must not be"
                + " greater than 100%")),
        Arguments.of("bad eviction policy", "spec: {unhealthyPodEvictionPolicy: Never}", List.of(
            "spec.unhealthyPodEvictionPolicy: Unsupported value: \"Never\": supported values: \"AlwaysAllow\","
                + " \"IfHealthyBudget\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void create(String name, String patch, List<String> expected) {
    assertEquals(expected, Admit.create("policy", "poddisruptionbudgets", Admit.merge(BASE, patch)));
  }
}
