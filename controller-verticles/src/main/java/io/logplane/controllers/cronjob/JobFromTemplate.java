package io.logplane.controllers.cronjob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The Job a CronJob makes for a schedule time, as getJobFromTemplate2: named after the minute,
 * the template's labels and annotations with the scheduled time, the CronJob as controlling
 * owner. It is written around the API, so it gets here what the API would give it: the Job
 * defaults, and (once its uid is known) the generated selector and labels. Pure.
 */
final class JobFromTemplate {

  static final String SCHEDULED = "batch.kubernetes.io/cronjob-scheduled-timestamp";

  private JobFromTemplate() {}

  static String name(JsonNode cronJob, Instant scheduled) {
    return Metadata.text(cronJob, "name") + "-" + Math.floorDiv(scheduled.getEpochSecond(), 60);
  }

  static ObjectNode job(JsonNode cronJob, Instant scheduled, Schedule schedule) {
    JsonNode template = cronJob.path("spec").path("jobTemplate");
    ObjectNode job = JsonNodeFactory.instance.objectNode().put("apiVersion", "batch/v1").put("kind", "Job");
    ObjectNode meta = job.putObject("metadata").put("name", name(cronJob, scheduled))
        .put("namespace", Metadata.text(cronJob, "namespace"));
    meta.set("labels", template.path("metadata").path("labels").isObject()
        ? template.path("metadata").path("labels").deepCopy() : meta.objectNode());
    ObjectNode annotations = template.path("metadata").path("annotations").isObject()
        ? template.path("metadata").path("annotations").deepCopy() : meta.objectNode();
    annotations.put(SCHEDULED, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(scheduled.atZone(schedule.zone())));
    meta.set("annotations", annotations);
    meta.putArray("ownerReferences").addObject().put("apiVersion", "batch/v1").put("kind", "CronJob")
        .put("name", Metadata.text(cronJob, "name")).put("uid", Metadata.uid(cronJob))
        .put("controller", true).put("blockOwnerDeletion", true);
    ObjectNode spec = template.path("spec").isObject() ? template.path("spec").deepCopy() : job.objectNode();
    job.set("spec", spec);
    // SetDefaults_Job
    if (!spec.hasNonNull("completions") && !spec.hasNonNull("parallelism")) {
      spec.put("completions", 1);
    }
    putIfAbsent(spec, "parallelism", 1);
    putIfAbsent(spec, "backoffLimit", 6);
    if (!spec.hasNonNull("completionMode")) {
      spec.put("completionMode", "NonIndexed");
    }
    if (!spec.hasNonNull("suspend")) {
      spec.put("suspend", false);
    }
    if (meta.path("labels").isEmpty() && spec.path("template").path("metadata").path("labels").isObject()) {
      meta.set("labels", spec.path("template").path("metadata").path("labels").deepCopy());
    }
    return job;
  }

  /** The stored Job with the selector and labels the Job strategy generates from its uid, or null when it has them. */
  static ObjectNode withSelector(ObjectNode job) {
    JsonNode spec = job.path("spec");
    if (spec.path("manualSelector").asBoolean(false) || spec.hasNonNull("selector")) {
      return null;
    }
    ObjectNode next = job.deepCopy();
    String uid = Metadata.uid(job);
    String name = Metadata.text(job, "name");
    ObjectNode labels = ((ObjectNode) next.path("spec")).with("template").with("metadata").with("labels");
    putIfAbsent(labels, "controller-uid", uid);
    putIfAbsent(labels, "batch.kubernetes.io/controller-uid", uid);
    putIfAbsent(labels, "job-name", name);
    putIfAbsent(labels, "batch.kubernetes.io/job-name", name);
    ((ObjectNode) next.path("spec")).putObject("selector").putObject("matchLabels")
        .put("batch.kubernetes.io/controller-uid", uid);
    return next;
  }

  private static void putIfAbsent(ObjectNode o, String field, Object value) {
    if (o.hasNonNull(field)) {
      return;
    }
    if (value instanceof Integer i) {
      o.put(field, i);
    } else {
      o.put(field, value.toString());
    }
  }
}
