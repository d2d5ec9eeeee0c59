package io.logplane.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.resources.ResourceType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * The defaulting the kube-apiserver applies to the common kinds on every write, so objects read
 * back look as users know them (restartPolicy, imagePullPolicy, strategy, protocol, ...).
 */
public final class Defaults {

  private Defaults() {}

  public static void apply(ResourceType type, ObjectNode o) {
    switch (type.group() + "/" + type.kind()) {
      case "/Pod" -> {
        podSpec(obj(o, "spec"));
        PodDefaults.apply(obj(o, "spec"));
        if (!o.path("status").has("phase")) {
          obj(o, "status").put("phase", "Pending");
        }
      }
      case "/Namespace" -> {
        if (!o.path("spec").has("finalizers")) {
          obj(o, "spec").putArray("finalizers").add("kubernetes");
        }
        if (!o.path("status").has("phase")) {
          obj(o, "status").put("phase", "Active");
        }
        ObjectNode labels = obj(obj(o, "metadata"), "labels");
        labels.put("kubernetes.io/metadata.name", o.path("metadata").path("name").asText());
      }
      case "/Secret" -> secret(o);
      case "/Service" -> CoreDefaults.service(obj(o, "spec"));
      case "/PersistentVolumeClaim" -> CoreDefaults.persistentVolumeClaim(o);
      case "/PersistentVolume" -> CoreDefaults.persistentVolume(o);
      case "/LimitRange" -> CoreDefaults.limitRange(o);
      case "admissionregistration.k8s.io/ValidatingAdmissionPolicy" -> PolicyDefaults.policy(o);
      case "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding" -> PolicyDefaults.binding(o);
      case "flowcontrol.apiserver.k8s.io/FlowSchema" -> FlowControlDefaults.flowSchema(o);
      case "flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration" -> FlowControlDefaults.priorityLevel(o);
      case "apps/Deployment" -> {
        ObjectNode spec = obj(o, "spec");
        putIfAbsent(spec, "replicas", 1);
        putIfAbsent(spec, "revisionHistoryLimit", 10);
        putIfAbsent(spec, "progressDeadlineSeconds", 600);
        if (!spec.has("strategy")) {
          spec.putObject("strategy").put("type", "RollingUpdate").putObject("rollingUpdate")
              .put("maxUnavailable", "25%").put("maxSurge", "25%");
        }
        WorkloadDefaults.deployment(spec);
        podTemplate(spec);
      }
      case "apps/ReplicaSet", "apps/StatefulSet", "/ReplicationController" -> {
        ObjectNode spec = obj(o, "spec");
        putIfAbsent(spec, "replicas", 1);
        if (type.kind().equals("StatefulSet")) {
          WorkloadDefaults.statefulSet(spec);
        }
        if (!type.group().isEmpty() || spec.path("template").isObject()) {
          podTemplate(spec); // a ReplicationController's template is a pointer, left nil
        }
      }
      case "apps/DaemonSet" -> {
        ObjectNode spec = obj(o, "spec");
        putIfAbsent(spec, "revisionHistoryLimit", 10);
        WorkloadDefaults.daemonSet(spec);
        podTemplate(spec);
      }
      case "batch/Job" -> {
        ObjectNode spec = obj(o, "spec");
        putIfAbsent(spec, "backoffLimit", 6);
        // SetDefaults_Job: completions only when parallelism is unset too (a parallel Job runs until
        // one of its pods succeeds, an Indexed one needs them given)
        if (!spec.hasNonNull("completions") && !spec.hasNonNull("parallelism")) {
          spec.put("completions", 1);
        }
        putIfAbsent(spec, "parallelism", 1);
        WorkloadDefaults.job(o);
        podTemplate(spec);
      }
      case "batch/CronJob" -> {
        ObjectNode spec = obj(o, "spec");
        if (!spec.has("concurrencyPolicy")) {
          spec.put("concurrencyPolicy", "Allow");
        }
        putIfAbsent(spec, "successfulJobsHistoryLimit", 3);
        putIfAbsent(spec, "failedJobsHistoryLimit", 1);
        if (!spec.has("suspend")) {
          spec.put("suspend", false);
        }
        podTemplate(obj(obj(spec, "jobTemplate"), "spec"));
      }
      default -> { }
    }
  }

  /** The template of a workload is a struct in Go: defaulted even when the body has none. */
  private static void podTemplate(ObjectNode spec) {
    podSpec(obj(obj(spec, "template"), "spec"));
  }

  private static void podSpec(ObjectNode spec) {
    putIfAbsent(spec, "restartPolicy", "Always");
    putIfAbsent(spec, "terminationGracePeriodSeconds", 30);
    putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
    putIfAbsent(spec, "schedulerName", "default-scheduler");
    if (!spec.has("securityContext")) {
      spec.putObject("securityContext");
    }
    // As kube's v1 conversion: serviceAccountName, else the deprecated serviceAccount, is served in both.
    String account = spec.path("serviceAccountName").asText("");
    account = account.isEmpty() ? spec.path("serviceAccount").asText("") : account;
    if (!account.isEmpty()) {
      spec.put("serviceAccountName", account);
      spec.put("serviceAccount", account);
    }
    for (JsonNode v : spec.path("volumes")) {
      // As kube's SetDefaults_Volume: a volume that names no source is an emptyDir.
      if (v instanceof ObjectNode volume && volume.size() == 1 && volume.has("name")) {
        volume.putObject("emptyDir");
      }
    }
    for (String list : new String[] {"containers", "initContainers"}) {
      for (JsonNode c : spec.path(list)) {
        if (c instanceof ObjectNode container) {
          container(container);
        }
      }
    }
  }

  private static void container(ObjectNode c) {
    String image = c.path("image").asText("");
    String tag = image.contains("@") ? "digest" : image.lastIndexOf(':') > image.lastIndexOf('/')
        ? image.substring(image.lastIndexOf(':') + 1) : "latest";
    putIfAbsent(c, "imagePullPolicy", tag.equals("latest") ? "Always" : "IfNotPresent");
    putIfAbsent(c, "terminationMessagePath", "/dev/termination-log");
    putIfAbsent(c, "terminationMessagePolicy", "File");
    if (!c.has("resources")) {
      c.putObject("resources");
    }
    for (JsonNode p : c.path("ports")) {
      if (p instanceof ObjectNode port) {
        putIfAbsent(port, "protocol", "TCP");
      }
    }
  }

  /** stringData is write-only: merged into data (base64) as the apiserver does. */
  private static void secret(ObjectNode o) {
    putIfAbsent(o, "type", "Opaque");
    JsonNode stringData = o.remove("stringData");
    if (stringData != null && stringData.isObject()) {
      ObjectNode data = obj(o, "data");
      for (Iterator<Map.Entry<String, JsonNode>> it = stringData.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        data.put(e.getKey(), Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
      }
    }
  }

  private static ObjectNode obj(ObjectNode parent, String field) {
    JsonNode n = parent.get(field);
    return n instanceof ObjectNode o ? o : parent.putObject(field);
  }

  private static void putIfAbsent(ObjectNode o, String field, Object value) {
    if (o.has(field) && !o.get(field).isNull()) {
      return;
    }
    if (value instanceof Integer i) {
      o.put(field, i);
    } else {
      o.put(field, value.toString());
    }
  }

  static ArrayNode array(ObjectNode parent, String field) {
    JsonNode n = parent.get(field);
    return n instanceof ArrayNode a ? a : parent.putArray(field);
  }
}
