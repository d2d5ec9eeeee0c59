package io.logplane.api.validation.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.PodTemplates;
import io.logplane.api.validation.workloads.Fields;
import java.util.List;

/**
 * The part of a JobSpec a Job and a CronJob's jobTemplate share ({@code validateJobSpec}):
 * the counts, the completion mode, the pod failure policy, the pod template and a restart policy
 * a Job can run.
 * backoffLimitPerIndex and podReplacementPolicy are alpha in 1.28, off, and not checked.
 */
final class JobSpecs {

  static final List<String> RESTART = List.of("OnFailure", "Never");
  private static final List<String> MODES = List.of("NonIndexed", "Indexed");
  private static final int MAX_INDEXED_PARALLELISM = 100_000;

  private JobSpecs() {}

  /** Checks a JobSpec at {@code path} ("spec" or "spec.jobTemplate.spec"). */
  static void validate(JsonNode spec, String path, FieldErrors errors) {
    for (String f : List.of("parallelism", "completions", "activeDeadlineSeconds", "backoffLimit",
        "ttlSecondsAfterFinished")) {
      Fields.nonNegative(spec, f, path + "." + f, errors);
    }
    if (Fields.has(spec, "completionMode")) {
      String mode = spec.get("completionMode").asText();
      if (!MODES.contains(mode)) {
        errors.notSupported(path + ".completionMode", mode, MODES);
      }
      if (mode.equals("Indexed")) {
        if (!Fields.has(spec, "completions")) {
          errors.required(path + ".completions", "when completion mode is Indexed");
        }
        if (spec.path("parallelism").asLong(0) > MAX_INDEXED_PARALLELISM) {
          errors.invalid(path + ".parallelism", spec.get("parallelism").asLong(),
              "must be less than or equal to " + MAX_INDEXED_PARALLELISM + " when completion mode is Indexed");
        }
      }
    }
    if (Fields.has(spec, "podFailurePolicy")) {
      PodFailurePolicies.validate(spec, path + ".podFailurePolicy", errors);
    }
    JsonNode template = spec.path("template");
    PodTemplates.validate(template, path + ".template", errors);
    String policy = template.path("spec").path("restartPolicy").asText("");
    String policyPath = path + ".template.spec.restartPolicy";
    if (policy.isEmpty() || policy.equals("Always")) {
      errors.required(policyPath, "valid values: \"OnFailure\", \"Never\"");
    } else if (!RESTART.contains(policy)) {
      errors.notSupported(policyPath, policy, RESTART);
    } else if (Fields.has(spec, "podFailurePolicy") && !policy.equals("Never")) {
      errors.invalid(policyPath, policy, "only \"Never\" is supported when podFailurePolicy is specified");
    }
  }
}
