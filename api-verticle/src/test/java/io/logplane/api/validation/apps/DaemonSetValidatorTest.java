package io.logplane.api.validation.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.workloads.Admit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** DaemonSet creates and updates against kube 1.28's causes. */
class DaemonSetValidatorTest {

  static final ObjectNode BASE = Admit.yaml("""
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent}
      spec:
        selector: {matchLabels: {app: agent}}
        template:
          metadata: {labels: {app: agent}}
          spec: {containers: [{name: c, image: busybox}]}
      """);

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("valid", "", List.of()),
        Arguments.of("valid surge instead", "spec: {updateStrategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}}",
            List.of()),
        Arguments.of("surge with the default maxUnavailable", "spec: {updateStrategy: {rollingUpdate: {maxSurge: 1}}}",
            List.of("spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1,"
                + " StrVal:\"\"}: may not be set when maxUnavailable is non-zero")),
        Arguments.of("both 0", "spec: {updateStrategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}}", List.of(
            "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0")),
        Arguments.of("bad type", "spec: {updateStrategy: {type: Sometimes}}", List.of(
            "spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:\"Sometimes\","
                + " RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: \"RollingUpdate\", \"OnDelete\"")),
        Arguments.of("no selector", "spec: {selector: null}", List.of(
            "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"agent\"}: `selector` does not"
                + " match template `labels`")),
        Arguments.of("activeDeadlineSeconds", "spec: {template: {spec: {activeDeadlineSeconds: 1}}}", List.of(
            "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void create(String name, String patch, List<String> expected) {
    assertEquals(expected, Admit.create("apps", "daemonsets", Admit.merge(BASE, patch)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updates")
  void update(String name, String patch, List<String> expected) {
    assertEquals(expected, Admit.update("apps", "daemonsets", BASE, Admit.merge(BASE, patch)));
  }

  static Stream<Arguments> updates() {
    return Stream.of(
        Arguments.of("new image", "spec: {template: {spec: {containers: [{name: c, image: busybox:2}]}}}", List.of()),
        Arguments.of("selector changed", "spec: {selector: {matchLabels: {app: agent, v: '2'}}, template: {metadata:"
            + " {labels: {v: '2'}}}}", List.of("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:"
            + "map[string]string{\"app\":\"agent\", \"v\":\"2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}:"
            + " field is immutable")));
  }
}
