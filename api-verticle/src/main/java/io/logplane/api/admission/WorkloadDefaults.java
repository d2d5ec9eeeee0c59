package io.logplane.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The defaults of the apps/v1 and batch/v1 kinds that their validation relies on: the update
 * strategies filled in as far as kube's {@code SetDefaults_*} fill them, and the selector and
 * labels a Job gets unless it asks for a manual selector.
 */
final class WorkloadDefaults {

  private WorkloadDefaults() {}

  static void deployment(ObjectNode spec) {
    ObjectNode strategy = obj(spec, "strategy");
    if (strategy.path("type").asText("").isEmpty()) {
      strategy.put("type", "RollingUpdate");
    }
    if (strategy.path("type").asText().equals("RollingUpdate")) {
      ObjectNode rolling = obj(strategy, "rollingUpdate");
      absent(rolling, "maxUnavailable", "25%");
      absent(rolling, "maxSurge", "25%");
    }
  }

  static void daemonSet(ObjectNode spec) {
    ObjectNode strategy = obj(spec, "updateStrategy");
    if (strategy.path("type").asText("").isEmpty()) {
      strategy.put("type", "RollingUpdate");
    }
    if (strategy.path("type").asText().equals("RollingUpdate")) {
      ObjectNode rolling = obj(strategy, "rollingUpdate");
      if (!has(rolling, "maxUnavailable")) {
        rolling.put("maxUnavailable", 1);
      }
      if (!has(rolling, "maxSurge")) {
        rolling.put("maxSurge", 0);
      }
    }
  }

  static void statefulSet(ObjectNode spec) {
    absent(spec, "podManagementPolicy", "OrderedReady");
    ObjectNode strategy = obj(spec, "updateStrategy");
    if (strategy.path("type").asText("").isEmpty()) {
      strategy.put("type", "RollingUpdate");
      obj(strategy, "rollingUpdate");
    }
    if (strategy.path("type").asText().equals("RollingUpdate") && strategy.get("rollingUpdate") instanceof ObjectNode r
        && !has(r, "partition")) {
      r.put("partition", 0);
    }
    ObjectNode retention = obj(spec, "persistentVolumeClaimRetentionPolicy");
    absent(retention, "whenDeleted", "Retain");
    absent(retention, "whenScaled", "Retain");
    if (!has(spec, "revisionHistoryLimit")) {
      spec.put("revisionHistoryLimit", 10);
    }
  }

  /**
   * As the Job strategy's {@code generateSelector}: unless {@code manualSelector} is true, the
   * template gets the job-name and controller-uid labels (both spellings) and the selector
   * matches the uid. Labels the user set are kept; validation refuses a conflict.
   */
  static void job(ObjectNode job) {
    ObjectNode spec = obj(job, "spec");
    absent(spec, "completionMode", "NonIndexed");
    absent(spec, "suspend", false);
    if (spec.path("manualSelector").asBoolean(false)) {
      return;
    }
    String name = job.path("metadata").path("name").asText("");
    String uid = job.path("metadata").path("uid").asText("");
    ObjectNode labels = obj(obj(obj(spec, "template"), "metadata"), "labels");
    absent(labels, "controller-uid", uid);
    absent(labels, "batch.kubernetes.io/controller-uid", uid);
    absent(labels, "job-name", name);
    absent(labels, "batch.kubernetes.io/job-name", name);
    absent(obj(obj(spec, "selector"), "matchLabels"), "batch.kubernetes.io/controller-uid", uid);
  }

  private static boolean has(JsonNode o, String field) {
    return o.hasNonNull(field);
  }

  private static void absent(ObjectNode o, String field, Object value) {
    if (has(o, field)) {
      return;
    }
    if (value instanceof Boolean b) {
      o.put(field, b);
    } else {
      o.put(field, value.toString());
    }
  }

  private static ObjectNode obj(ObjectNode parent, String field) {
    JsonNode n = parent.get(field);
    return n instanceof ObjectNode o ? o : parent.putObject(field);
  }
}
