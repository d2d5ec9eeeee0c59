package io.logplane.api.validation.autoscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.workloads.Admit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** HorizontalPodAutoscaler creates against kube 1.28's causes. */
class HorizontalPodAutoscalerValidatorTest {

  static final ObjectNode BASE = Admit.yaml("""
      apiVersion: autoscaling/v2
      kind: HorizontalPodAutoscaler
      metadata: {name: web}
      spec:
        scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
        minReplicas: 1
        maxReplicas: 5
        metrics:
        - type: Resource
          resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}
      """);

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("valid", "", List.of()),
        Arguments.of("max below min", "spec: {minReplicas: 6}", List.of(
            "spec.maxReplicas: Invalid value: 5: must be greater than or equal to `minReplicas`")),
        Arguments.of("max 0", "spec: {maxReplicas: 0, minReplicas: null}", List.of(
            "spec.maxReplicas: Invalid value: 0: must be greater than 0")),
        Arguments.of("min 0", "spec: {minReplicas: 0}", List.of(
            "spec.minReplicas: Invalid value: 0: must be greater than or equal to 1",
            "spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero"
                + " replicas")),
        Arguments.of("no target name", "spec: {scaleTargetRef: {name: null}}", List.of(
            "spec.scaleTargetRef.name: Required value")),
        Arguments.of("bad metric type", "spec: {metrics: [{type: Magic}]}", List.of(
            "spec.metrics[0].type: Unsupported value: \"Magic\": supported values: \"ContainerResource\","
                + " \"External\", \"Object\", \"Pods\", \"Resource\"")),
        Arguments.of("resource without target", "spec: {metrics: [{type: Resource, resource: {name: cpu, target:"
            + " {type: Utilization}}}]}", List.of("spec.metrics[0].resource.target.averageUtilization: Required value:"
            + " must set either a target raw value or a target utilization")),
        Arguments.of("missing source", "spec: {metrics: [{type: Pods}]}", List.of(
            "spec.metrics[0].pods: Required value: must populate information for the given metric source")),
        Arguments.of("bad policy", "spec: {behavior: {scaleUp: {policies: [{type: Pods, value: 0, periodSeconds: 4000}]}}}",
            List.of("spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must be greater than zero",
                "spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 4000: must be less than or equal to 1800")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void create(String name, String patch, List<String> expected) {
    assertEquals(expected, Admit.create("autoscaling", "horizontalpodautoscalers", Admit.merge(BASE, patch)));
  }
}
