package io.logplane.api.validation.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.workloads.Admit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ReplicaSet creates and updates against kube 1.28's causes. */
class ReplicaSetValidatorTest {

  static final ObjectNode BASE = Admit.yaml("""
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata: {name: rs}
      spec:
        selector: {matchLabels: {app: rs}}
        template:
          metadata: {labels: {app: rs}}
          spec: {containers: [{name: c, image: nginx}]}
      """);

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("valid", "", List.of()),
        Arguments.of("negative replicas and minReady", "spec: {replicas: -1, minReadySeconds: -2}", List.of(
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
            "spec.minReadySeconds: Invalid value: -2: must be greater than or equal to 0")),
        Arguments.of("empty selector, kube's wording", "spec: {selector: {matchLabels: {app: null}}}", List.of(
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{},"
                + " MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment")),
        Arguments.of("bad operator", "spec: {selector: {matchExpressions: [{key: app, operator: Near}]}}", List.of(
            "spec.selector.matchExpressions[0].operator: Invalid value: \"Near\": not a valid selector operator",
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"rs\"},"
                + " MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:\"app\","
                + " Operator:\"Near\", Values:[]string(nil)}}}: invalid label selector")),
        Arguments.of("restartPolicy OnFailure", "spec: {template: {spec: {restartPolicy: OnFailure}}}", List.of(
            "spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void create(String name, String patch, List<String> expected) {
    assertEquals(expected, Admit.create("apps", "replicasets", Admit.merge(BASE, patch)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updates")
  void update(String name, String patch, List<String> expected) {
    assertEquals(expected, Admit.update("apps", "replicasets", BASE, Admit.merge(BASE, patch)));
  }

  static Stream<Arguments> updates() {
    return Stream.of(
        Arguments.of("scale", "spec: {replicas: 4}", List.of()),
        Arguments.of("selector changed", "spec: {selector: {matchLabels: null, matchExpressions: [{key: app,"
            + " operator: Exists}]}}", List.of("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:"
            + "map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{"
            + "Key:\"app\", Operator:\"Exists\", Values:[]string(nil)}}}: field is immutable")));
  }
}
