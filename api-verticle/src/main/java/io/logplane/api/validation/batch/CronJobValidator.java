package io.logplane.api.validation.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.workloads.Fields;
import io.logplane.api.validation.workloads.GoStructs;
import java.util.List;

/**
 * A CronJob ({@code validateCronJobSpec}): a schedule that parses and carries no time zone
 * when the timeZone field is given, a known time zone, the concurrency policy, the job template
 * without a selector, the history limits, and a name short enough for its Jobs' names. kube's
 * update rules are more lenient (an unchanged time zone not checked again); here a new version
 * is held to the rules of a create.
 */
final class CronJobValidator implements KindValidator {

  private static final List<String> CONCURRENCY = List.of("Allow", "Forbid", "Replace");

  @Override
  public void validate(ObjectNode object, FieldErrors errors) {
    spec(object.path("spec"), null, errors);
    String name = object.path("metadata").path("name").asText("");
    if (name.length() > 52) {
      errors.invalid("metadata.name", name, "must be no more than 52 characters");
    }
  }

  static void spec(JsonNode spec, JsonNode oldSpec, FieldErrors errors) {
    String schedule = spec.path("schedule").asText("");
    if (schedule.isEmpty()) {
      errors.required("spec.schedule", null);
    } else {
      CronSchedule.error(schedule).ifPresent(e -> errors.invalid("spec.schedule", schedule, e));
      // a TZ in the schedule alone only gets a warning in 1.28
      if (schedule.contains("TZ") && Fields.has(spec, "timeZone")) {
        errors.invalid("spec.schedule", schedule, "cannot use both timeZone field and TZ or CRON_TZ in schedule");
      }
    }
    Fields.nonNegative(spec, "startingDeadlineSeconds", "spec.startingDeadlineSeconds", errors);
    if (oldSpec == null || !Fields.same(oldSpec.get("timeZone"), spec.get("timeZone"))) {
      TimeZoneField.validate(spec.get("timeZone"), errors);
    }
    String policy = spec.path("concurrencyPolicy").asText("");
    if (policy.isEmpty()) {
      errors.required("spec.concurrencyPolicy", null);
    } else if (!CONCURRENCY.contains(policy)) {
      errors.notSupported("spec.concurrencyPolicy", policy, CONCURRENCY);
    }
    JsonNode job = spec.path("jobTemplate").path("spec");
    JobSpecs.validate(job, "spec.jobTemplate.spec", errors);
    if (!GoStructs.absent(job.get("selector"))) {
      errors.invalid("spec.jobTemplate.spec.selector", GoStructs.labelSelector(job.get("selector")),
          "`selector` will be auto-generated");
    }
    if (job.path("manualSelector").asBoolean(false)) {
      errors.notSupported("spec.jobTemplate.spec.manualSelector", true, List.of("nil", "false"));
    }
    Fields.nonNegative(spec, "successfulJobsHistoryLimit", "spec.successfulJobsHistoryLimit", errors);
    Fields.nonNegative(spec, "failedJobsHistoryLimit", "spec.failedJobsHistoryLimit", errors);
  }
}
