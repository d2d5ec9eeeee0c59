package io.logplane.api.validation.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.workloads.Admit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** StatefulSet creates and updates against kube 1.28's causes. */
class StatefulSetValidatorTest {

  static final ObjectNode BASE = Admit.yaml("""
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db}
      spec:
        serviceName: db
        selector: {matchLabels: {app: db}}
        template:
          metadata: {labels: {app: db}}
          spec: {containers: [{name: c, image: postgres}]}
      """);

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("valid", "", List.of()),
        Arguments.of("valid OnDelete Parallel", "spec: {podManagementPolicy: Parallel, updateStrategy: {type: OnDelete}}",
            List.of()),
        Arguments.of("bad podManagementPolicy", "spec: {podManagementPolicy: Sometimes}", List.of(
            "spec.podManagementPolicy: Invalid value: \"Sometimes\": must be 'OrderedReady' or 'Parallel'")),
        Arguments.of("bad updateStrategy", "spec: {updateStrategy: {type: Bogus}}", List.of(
            "spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:\"Bogus\","
                + " RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}: must be 'RollingUpdate' or 'OnDelete'")),
        Arguments.of("negative partition", "spec: {updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: -1}}}",
            List.of("spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0")),
        // Behind a gate that is off in 1.28: kube-apiserver drops the field and accepts any value.
        Arguments.of("maxUnavailable 0", "spec: {updateStrategy: {rollingUpdate: {maxUnavailable: 0}}}", List.of()),
        Arguments.of("bad retention", "spec: {persistentVolumeClaimRetentionPolicy: {whenDeleted: Keep}}", List.of(
            "spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: \"Keep\": supported values:"
                + " \"Retain\", \"Delete\"")),
        Arguments.of("empty selector", "spec: {selector: {matchLabels: null}}", List.of(
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil),"
                + " MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset")),
        Arguments.of("restartPolicy Never", "spec: {template: {spec: {restartPolicy: Never}}}", List.of(
            "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void create(String name, String patch, List<String> expected) {
    assertEquals(expected, Admit.create("apps", "statefulsets", Admit.merge(BASE, patch)));
  }

  static Stream<Arguments> updates() {
    String forbidden = "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals',"
        + " 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";
    return Stream.of(
        Arguments.of("replicas, template, strategy", "spec: {replicas: 3, updateStrategy: {type: OnDelete,"
            + " rollingUpdate: null}, template: {spec: {containers: [{name: c, image: postgres:16}]}}}", List.of()),
        Arguments.of("serviceName changed", "spec: {serviceName: other}", List.of(forbidden)),
        Arguments.of("podManagementPolicy changed", "spec: {podManagementPolicy: Parallel}", List.of(forbidden)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updates")
  void update(String name, String patch, List<String> expected) {
    assertEquals(expected, Admit.update("apps", "statefulsets", BASE, Admit.merge(BASE, patch)));
  }
}
