package io.logplane.api.validation.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.workloads.Admit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Deployment creates and updates: each case a change to a valid Deployment and the causes kube 1.28 gives. */
class DeploymentValidatorTest {

  static final ObjectNode BASE = Admit.yaml("""
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: default}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: c, image: nginx}]
      """);

  static Stream<Arguments> creates() {
    return Stream.of(
        Arguments.of("valid", "", List.of()),
        Arguments.of("valid Recreate", "spec: {strategy: {type: Recreate}}", List.of()),
        Arguments.of("negative replicas", "spec: {replicas: -3}",
            List.of("spec.replicas: Invalid value: -3: must be greater than or equal to 0")),
        Arguments.of("no selector", "spec: {selector: null}", List.of(
            "spec.selector: Required value",
            "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not"
                + " match template `labels`")),
        Arguments.of("empty selector", "spec: {selector: {matchLabels: null}}", List.of(
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil),"
                + " MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment")),
        Arguments.of("selector does not match", "spec: {selector: {matchLabels: {app: other}}}", List.of(
            "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not"
                + " match template `labels`")),
        Arguments.of("matchExpressions match", "spec: {selector: {matchLabels: null, matchExpressions:"
            + " [{key: app, operator: In, values: [web, api]}]}}", List.of()),
        Arguments.of("restartPolicy Never", "spec: {template: {spec: {restartPolicy: Never}}}", List.of(
            "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"")),
        Arguments.of("activeDeadlineSeconds", "spec: {template: {spec: {activeDeadlineSeconds: 5}}}", List.of(
            "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported")),
        Arguments.of("both 0", "spec: {strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}}", List.of(
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0,"
                + " StrVal:\"\"}: may not be 0 when `maxSurge` is 0")),
        Arguments.of("both 0%", "spec: {strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 0%, maxUnavailable: 0%}}}",
            List.of("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0,"
                + " StrVal:\"0%\"}: may not be 0 when `maxSurge` is 0")),
        Arguments.of("bad percent", "spec: {strategy: {rollingUpdate: {maxSurge: abc}}}", List.of(
            "spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"abc\"}:"
                + " a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%',"
                + " regex used for validation is '[0-9]+%')")),
        Arguments.of("negative surge", "spec: {strategy: {rollingUpdate: {maxSurge: -1}}}", List.of(
            "spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0")),
        Arguments.of("over 100%", "spec: {strategy: {rollingUpdate: {maxUnavailable: 150%}}}", List.of(
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0,"
                + " StrVal:\"150%\"}: must not be greater than 100%")),
        Arguments.of("bogus strategy", "spec: {strategy: {type: Bogus}}", List.of(
            "spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:\"Bogus\","
                + " RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: \"Recreate\", \"RollingUpdate\"")),
        Arguments.of("Recreate with rollingUpdate", "spec: {strategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}}",
            List.of("spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'")),
        Arguments.of("revisionHistoryLimit", "spec: {revisionHistoryLimit: -1}", List.of(
            "spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0")),
        Arguments.of("deadline not beyond minReady", "spec: {minReadySeconds: 30, progressDeadlineSeconds: 30}", List.of(
            "spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds")),
        Arguments.of("negative minReady", "spec: {minReadySeconds: -1}", List.of(
            "spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("creates")
  void create(String name, String patch, List<String> expected) {
    assertEquals(expected, Admit.create("apps", "deployments", Admit.merge(BASE, patch)));
  }

  static Stream<Arguments> updates() {
    return Stream.of(
        Arguments.of("scale and new image", "spec: {replicas: 5, template: {spec: {containers: [{name: c, image: nginx:2}]}}}",
            List.of()),
        Arguments.of("selector changed", "spec: {selector: {matchLabels: {app: web, tier: x}}, template: {metadata:"
            + " {labels: {app: web, tier: x}}}}", List.of(
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\", \"tier\":\"x\"},"
                + " MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updates")
  void update(String name, String patch, List<String> expected) {
    assertEquals(expected, Admit.update("apps", "deployments", BASE, Admit.merge(BASE, patch)));
  }
}
