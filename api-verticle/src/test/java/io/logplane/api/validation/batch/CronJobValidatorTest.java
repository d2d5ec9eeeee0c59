package io.logplane.api.validation.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.workloads.Admit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CronJob creates against kube 1.28's causes. */
class CronJobValidatorTest {

  static final ObjectNode BASE = Admit.yaml("""
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: tick}
      spec:
        schedule: "*/5 * * * *"
        jobTemplate:
          spec:
            template:
              spec:
                restartPolicy: OnFailure
                containers: [{name: c, image: busybox}]
      """);

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("valid", "", List.of()),
        Arguments.of("descriptor", "spec: {schedule: '@hourly'}", List.of()),
        Arguments.of("time zone field", "spec: {timeZone: Europe/Paris}", List.of()),
        Arguments.of("bogus schedule", "spec: {schedule: bogus}", List.of(
            "spec.schedule: Invalid value: \"bogus\": expected exactly 5 fields, found 1: [bogus]")),
        Arguments.of("no schedule", "spec: {schedule: null}", List.of("spec.schedule: Required value")),
        Arguments.of("TZ in schedule (a warning only)", "spec: {schedule: 'TZ=UTC 0 * * * *'}", List.of()),
        Arguments.of("TZ in schedule and timeZone", "spec: {schedule: 'TZ=UTC 0 * * * *', timeZone: UTC}", List.of(
            "spec.schedule: Invalid value: \"TZ=UTC 0 * * * *\": cannot use both timeZone field and TZ or CRON_TZ in"
                + " schedule")),
        Arguments.of("unknown time zone", "spec: {timeZone: Mars/Olympus}", List.of(
            "spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus")),
        Arguments.of("Local time zone", "spec: {timeZone: Local}", List.of(
            "spec.timeZone: Invalid value: \"Local\": timeZone must be an explicit time zone as defined in"
                + " https://www.iana.org/time-zones")),
        Arguments.of("bad concurrencyPolicy", "spec: {concurrencyPolicy: Sometimes}", List.of(
            "spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported values: \"Allow\", \"Forbid\","
                + " \"Replace\"")),
        Arguments.of("restartPolicy Always", "spec: {jobTemplate: {spec: {template: {spec: {restartPolicy: Always}}}}}",
            List.of("spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\","
                + " \"Never\"")),
        Arguments.of("selector in template", "spec: {jobTemplate: {spec: {selector: {matchLabels: {a: b}}}}}", List.of(
            "spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"a\":\"b\"},"
                + " MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated")),
        Arguments.of("negative history", "spec: {successfulJobsHistoryLimit: -1, startingDeadlineSeconds: -5}", List.of(
            "spec.startingDeadlineSeconds: Invalid value: -5: must be greater than or equal to 0",
            "spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0")),
        Arguments.of("name over 52", "metadata: {name: a-cronjob-name-that-is-longer-than-fifty-two-characters}",
            List.of("metadata.name: Invalid value: \"a-cronjob-name-that-is-longer-than-fifty-two-characters\": must be"
                + " no more than 52 characters")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void create(String name, String patch, List<String> expected) {
    assertEquals(expected, Admit.create("batch", "cronjobs", Admit.merge(BASE, patch)));
  }
}
