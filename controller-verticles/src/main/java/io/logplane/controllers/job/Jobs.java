package io.logplane.controllers.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import java.time.Instant;

/** What a Job's spec and conditions say, with kube's defaults for fields left unset. Pure. */
final class Jobs {

  static final String COMPLETE = "Complete";
  static final String FAILED = "Failed";
  static final String SUSPENDED = "Suspended";
  static final String FAILURE_TARGET = "FailureTarget";

  private Jobs() {}

  /** spec.completions, or null: then any success completes the Job once no pod runs. */
  static Integer completions(JsonNode job) {
    JsonNode c = job.path("spec").get("completions");
    return c == null || c.isNull() ? null : c.asInt();
  }

  static int parallelism(JsonNode job) {
    return job.path("spec").path("parallelism").asInt(1);
  }

  static int backoffLimit(JsonNode job) {
    return job.path("spec").path("backoffLimit").asInt(6);
  }

  static boolean indexed(JsonNode job) {
    return "Indexed".equals(job.path("spec").path("completionMode").asText()) && completions(job) != null;
  }

  static boolean suspended(JsonNode job) {
    return job.path("spec").path("suspend").asBoolean(false);
  }

  /** Whether a Complete or Failed condition is True: nothing more is done to the Job. */
  static boolean finished(JsonNode job) {
    return conditionTrue(job, COMPLETE) || conditionTrue(job, FAILED);
  }

  static boolean conditionTrue(JsonNode job, String type) {
    JsonNode c = condition(job.path("status"), type);
    return c != null && "True".equals(c.path("status").asText());
  }

  static JsonNode condition(JsonNode status, String type) {
    for (JsonNode c : status.path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c;
      }
    }
    return null;
  }

  /** When the Job finished: its completionTime, else its Complete or Failed condition's transition. */
  static Instant finishedAt(JsonNode job) {
    String completion = job.path("status").path("completionTime").asText("");
    if (!completion.isEmpty()) {
      return Instant.parse(completion);
    }
    for (String type : new String[] {COMPLETE, FAILED}) {
      JsonNode c = condition(job.path("status"), type);
      if (c != null && "True".equals(c.path("status").asText()) && c.hasNonNull("lastTransitionTime")) {
        return Instant.parse(c.path("lastTransitionTime").asText());
      }
    }
    return null;
  }

  /** A condition as kube's newCondition makes it. */
  static ObjectNode newCondition(String type, String status, String reason, String message, Instant now) {
    ObjectNode c = JsonNodeFactory.instance.objectNode().put("type", type).put("status", status);
    String t = Metadata.time(now.toEpochMilli());
    c.put("lastProbeTime", t).put("lastTransitionTime", t);
    if (!reason.isEmpty()) {
      c.put("reason", reason);
    }
    if (!message.isEmpty()) {
      c.put("message", message);
    }
    return c;
  }

  /**
   * As ensureJobConditionStatus: sets the condition of that type in status (in place) unless it
   * already says so; a False condition is not added where none was. True when status changed.
   */
  static boolean ensureCondition(ObjectNode status, ObjectNode wanted) {
    ArrayNode list = status.withArray("conditions");
    String type = wanted.path("type").asText();
    for (int i = 0; i < list.size(); i++) {
      JsonNode c = list.get(i);
      if (type.equals(c.path("type").asText())) {
        boolean same = c.path("status").asText().equals(wanted.path("status").asText())
            && c.path("reason").asText().equals(wanted.path("reason").asText())
            && c.path("message").asText().equals(wanted.path("message").asText());
        if (!same) {
          list.set(i, wanted);
        }
        return !same;
      }
    }
    if ("False".equals(wanted.path("status").asText())) {
      if (list.isEmpty()) {
        status.remove("conditions");
      }
      return false;
    }
    list.add(wanted);
    return true;
  }
}
