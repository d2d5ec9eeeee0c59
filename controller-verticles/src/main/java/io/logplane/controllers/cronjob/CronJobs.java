package io.logplane.controllers.cronjob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import java.util.Iterator;

/** A CronJob's active list and its Jobs' ends, as kube's cronjob utils read them. Pure. */
final class CronJobs {

  private CronJobs() {}

  /** "Complete" or "Failed" for a finished Job, else null. */
  static String finished(JsonNode job) {
    for (JsonNode c : job.path("status").path("conditions")) {
      String type = c.path("type").asText();
      if ((type.equals("Complete") || type.equals("Failed")) && "True".equals(c.path("status").asText())) {
        return type;
      }
    }
    return null;
  }

  static boolean inActive(JsonNode cronJob, String uid) {
    for (JsonNode ref : cronJob.path("status").path("active")) {
      if (uid.equals(ref.path("uid").asText())) {
        return true;
      }
    }
    return false;
  }

  static boolean inActiveByName(JsonNode cronJob, String name) {
    for (JsonNode ref : cronJob.path("status").path("active")) {
      if (name.equals(ref.path("name").asText())) {
        return true;
      }
    }
    return false;
  }

  /** Removes the Job's reference from the active list (in place); an empty list is left out. */
  static void removeActive(ObjectNode cronJob, String uid) {
    JsonNode active = cronJob.path("status").path("active");
    if (!(active instanceof ArrayNode list)) {
      return;
    }
    for (Iterator<JsonNode> it = list.iterator(); it.hasNext();) {
      if (uid.equals(it.next().path("uid").asText())) {
        it.remove();
      }
    }
    if (list.isEmpty()) {
      ((ObjectNode) cronJob.path("status")).remove("active");
    }
  }

  /** Adds a reference to the Job to the active list (in place), as getRef makes it. */
  static void addActive(ObjectNode cronJob, JsonNode job) {
    ObjectNode status = cronJob.with("status");
    status.withArray("active").addObject().put("kind", "Job").put("namespace", Metadata.text(job, "namespace"))
        .put("name", Metadata.text(job, "name")).put("uid", Metadata.uid(job)).put("apiVersion", "batch/v1")
        .put("resourceVersion", Metadata.text(job, "resourceVersion"));
  }
}
