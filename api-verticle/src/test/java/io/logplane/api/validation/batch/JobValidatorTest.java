package io.logplane.api.validation.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.workloads.Admit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Job creates and updates against kube 1.28's causes (selector generated from the uid, as there). */
class JobValidatorTest {

  static final String UID = "0c1d2e3f-0000-4000-8000-000000000001";
  static final ObjectNode BASE = Admit.yaml("""
      apiVersion: batch/v1
      kind: Job
      metadata: {name: pi}
      spec:
        template:
          spec:
            restartPolicy: Never
            containers: [{name: c, image: perl}]
      """);

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("valid", "", List.of()),
        Arguments.of("restartPolicy Always", "spec: {template: {spec: {restartPolicy: Always}}}", List.of(
            "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"")),
        Arguments.of("restartPolicy defaulted", "spec: {template: {spec: {restartPolicy: null}}}", List.of(
            "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"")),
        Arguments.of("negative counts", "spec: {parallelism: -1, completions: -2, backoffLimit: -3}", List.of(
            "spec.parallelism: Invalid value: -1: must be greater than or equal to 0",
            "spec.completions: Invalid value: -2: must be greater than or equal to 0",
            "spec.backoffLimit: Invalid value: -3: must be greater than or equal to 0")),
        Arguments.of("bad completionMode", "spec: {completionMode: Sometimes}", List.of(
            "spec.completionMode: Unsupported value: \"Sometimes\": supported values: \"NonIndexed\", \"Indexed\"")),
        Arguments.of("Indexed with too long a name", "metadata: {name: a-name-of-sixty-two-characters-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx}\n"
            + "spec: {completionMode: Indexed, completions: 10}", List.of(
            "metadata.name: Invalid value: \"a-name-of-sixty-two-characters-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\": will not"
                + " able to create pod with invalid DNS label: a-name-of-sixty-two-characters-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-9")),
        Arguments.of("conflicting job-name label", "spec: {template: {metadata: {labels: {job-name: other}}}}", List.of(
            "spec.template.metadata.labels[job-name]: Invalid value: map[string]string{\"batch.kubernetes.io/controller-uid\":"
                + "\"" + UID + "\", \"batch.kubernetes.io/job-name\":\"pi\", \"controller-uid\":\"" + UID + "\","
                + " \"job-name\":\"other\"}: must be 'pi'")),
        Arguments.of("manual selector that does not match", "spec: {manualSelector: true, selector: {matchLabels:"
            + " {app: x}}}", List.of("spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector`"
            + " does not match template `labels`")),
        Arguments.of("Indexed and parallel without completions", "spec: {completionMode: Indexed, parallelism: 2}",
            List.of("spec.completions: Required value: when completion mode is Indexed")),
        Arguments.of("pod failure policy", "spec: {podFailurePolicy: {rules: [{action: Bogus, onExitCodes: {operator:"
            + " In, values: [0, 3, 3, 1]}}, {action: Ignore}]}}", List.of(
            "spec.podFailurePolicy.rules[0].action: Unsupported value: \"Bogus\": supported values: \"Count\","
                + " \"FailIndex\", \"FailJob\", \"Ignore\"",
            "spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator",
            "spec.podFailurePolicy.rules[0].onExitCodes.values[2]: Duplicate value: 3",
            "spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{0, 3, 3, 1}:"
                + " must be ordered",
            "spec.podFailurePolicy.rules[1]: Invalid value: specifying one of OnExitCodes and OnPodConditions is"
                + " required")),
        Arguments.of("manual selector without selector", "spec: {manualSelector: true}", List.of(
            "spec.selector: Required value",
            "spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template"
                + " `labels`")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void create(String name, String patch, List<String> expected) {
    assertEquals(expected, Admit.create("batch", "jobs", Admit.merge(BASE, patch)));
  }

  static Stream<Arguments> updates() {
    return Stream.of(
        Arguments.of("parallelism", "spec: {parallelism: 3, completions: 1}", List.of()),
        Arguments.of("completions", "spec: {completions: 3}", List.of(
            "spec.completions: Invalid value: 3: field is immutable")),
        Arguments.of("template", "spec: {template: {spec: {containers: [{name: c, image: perl:2}]}}}", List.of(
            "spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updates")
  void update(String name, String patch, List<String> expected) {
    assertEquals(expected, Admit.update("batch", "jobs", BASE, Admit.merge(BASE, patch)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suspended")
  void suspendedNeverStarted(String name, String patch, List<String> expected) {
    ObjectNode old = Admit.merge(BASE, "spec: {suspend: true}");
    assertEquals(expected, Admit.update("batch", "jobs", old, Admit.merge(old, patch)));
  }

  static Stream<Arguments> suspended() {
    return Stream.of(
        Arguments.of("node selector may change", "spec: {template: {spec: {nodeSelector: {disk: ssd}}}}", List.of()),
        Arguments.of("image may not", "spec: {template: {spec: {containers: [{name: c, image: perl:2}]}}}", List.of(
            "spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable")));
  }
}
