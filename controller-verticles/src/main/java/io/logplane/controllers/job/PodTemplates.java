package io.logplane.controllers.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.DefaultTolerations;
import io.logplane.projections.Metadata;

/**
 * A pod of a Job, as manageJob and podControl make it from the template: generated name, the
 * template's labels (with the selector labels the API set) and annotations, the tracking
 * finalizer, the Job as controlling owner; an Indexed Job's pod also gets its index as
 * annotation and label, the hostname {@code <job>-<index>} and the JOB_COMPLETION_INDEX
 * variable in each container. Pure.
 */
final class PodTemplates {

  /** kube's names.MaxGeneratedNameLength: 63 less the 5 random characters. */
  private static final int MAX_GENERATED_NAME = 58;

  private PodTemplates() {}

  /** The pod to create for the Job, with the completion index (or -1 for a NonIndexed Job). */
  static ObjectNode pod(JsonNode job, int index) {
    JsonNode template = job.path("spec").path("template");
    ObjectNode pod = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode meta = pod.putObject("metadata");
    String name = Metadata.text(job, "name");
    meta.put("generateName", index < 0 ? name + "-" : generateNameWithIndex(name, index));
    meta.put("namespace", Metadata.text(job, "namespace"));
    meta.set("labels", template.path("metadata").path("labels").isObject()
        ? template.path("metadata").path("labels").deepCopy() : meta.objectNode());
    if (template.path("metadata").path("annotations").isObject()) {
      meta.set("annotations", template.path("metadata").path("annotations").deepCopy());
    }
    if (template.path("metadata").path("finalizers").isArray()) {
      meta.set("finalizers", template.path("metadata").path("finalizers").deepCopy());
    }
    Metadata.addFinalizer(pod, Pods.TRACKING_FINALIZER);
    meta.putArray("ownerReferences").add(JobController.controllerRef(job));
    ObjectNode spec = template.path("spec").isObject() ? template.path("spec").deepCopy() : pod.objectNode();
    DefaultTolerations.apply(spec); // the API's admission, which this write does not pass
    pod.set("spec", spec);
    if (index >= 0) {
      meta.with("annotations").put(Pods.INDEX, Integer.toString(index));
      meta.with("labels").put(Pods.INDEX, Integer.toString(index));
      spec.put("hostname", name + "-" + index);
      indexVariable(spec.path("initContainers"));
      indexVariable(spec.path("containers"));
    }
    pod.putObject("status").put("phase", "Pending");
    return pod;
  }

  private static String generateNameWithIndex(String job, int index) {
    String suffix = "-" + index + "-";
    String prefix = job + suffix;
    return prefix.length() > MAX_GENERATED_NAME
        ? prefix.substring(0, MAX_GENERATED_NAME - suffix.length()) + suffix : prefix;
  }

  /** As addCompletionIndexEnvVariables with PodIndexLabel (beta, on in 1.28): read from the label. */
  private static void indexVariable(JsonNode containers) {
    for (JsonNode c : containers) {
      ArrayNode env = ((ObjectNode) c).withArray("env");
      boolean has = false;
      for (JsonNode e : env) {
        has |= "JOB_COMPLETION_INDEX".equals(e.path("name").asText());
      }
      if (!has) {
        env.addObject().put("name", "JOB_COMPLETION_INDEX").putObject("valueFrom").putObject("fieldRef")
            .put("fieldPath", "metadata.labels['" + Pods.INDEX + "']");
      }
    }
  }
}
