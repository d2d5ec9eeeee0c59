package io.logplane.api.validation.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.LabelSelectors;
import io.logplane.api.validation.Names;
import io.logplane.api.validation.workloads.Controllers;
import io.logplane.api.validation.workloads.Fields;
import io.logplane.api.validation.workloads.GoStructs;
import java.util.Map;

/**
 * A Job ({@code ValidateJob}): the labels and selector generated from its uid (unless
 * manualSelector), its spec, and a name that leaves room for the index of an Indexed Job's pods.
 * On update ({@code ValidateJobSpecUpdate}) the selector, template, completion mode and pod
 * failure policy are fixed, and completions too but for an Indexed Job scaled in tandem.
 */
final class JobValidator implements KindValidator {

  @Override
  public void validate(ObjectNode object, FieldErrors errors) {
    JsonNode spec = object.path("spec");
    generatedSelector(object, errors);
    JobSpecs.validate(spec, "spec", errors);
    JsonNode selector = spec.get("selector");
    if (GoStructs.absent(selector)) {
      errors.required("spec.selector", null);
    } else {
      LabelSelectors.validate(selector, "spec.selector", errors);
    }
    Controllers.asSelector(selector).ifPresent(s -> {
      JsonNode labels = spec.path("template").path("metadata").get("labels");
      if (!s.matches(GoStructs.absent(labels) ? null : labels)) {
        errors.invalid("spec.template.metadata.labels", GoStructs.stringMap(labels),
            "`selector` does not match template `labels`");
      }
    });
    long completions = spec.path("completions").asLong(0);
    if (spec.path("completionMode").asText("").equals("Indexed") && completions > 0) {
      String name = object.path("metadata").path("name").asText("");
      String hostname = name + "-" + (completions - 1);
      if (!Names.isDns1123Label(hostname).isEmpty()) {
        errors.invalid("metadata.name", name, "will not able to create pod with invalid DNS label: " + hostname);
      }
    }
  }

  private static void generatedSelector(ObjectNode job, FieldErrors errors) {
    JsonNode spec = job.path("spec");
    if (spec.path("manualSelector").asBoolean(false) || GoStructs.absent(spec.get("selector"))) {
      return;
    }
    String uid = job.path("metadata").path("uid").asText("");
    String name = job.path("metadata").path("name").asText("");
    if (uid.isEmpty()) {
      errors.required("metadata.uid", null);
    }
    JsonNode labels = spec.path("template").path("metadata").path("labels");
    Map<String, String> expected = new java.util.LinkedHashMap<>();
    expected.put("controller-uid", uid);
    expected.put("job-name", name);
    expected.put("batch.kubernetes.io/controller-uid", uid);
    expected.put("batch.kubernetes.io/job-name", name);
    expected.forEach((key, value) -> {
      String path = "spec.template.metadata.labels[" + key + "]";
      if (!labels.has(key)) {
        errors.required(path, "must be '" + value + "'");
      } else if (!labels.get(key).asText().equals(value)) {
        errors.invalid(path, GoStructs.stringMap(labels), "must be '" + value + "'");
      }
    });
    ObjectNode expectedLabels = job.objectNode();
    expected.forEach(expectedLabels::put);
    Controllers.asSelector(spec.get("selector")).ifPresent(s -> {
      if (!s.matches(expectedLabels)) {
        errors.invalid("spec.selector", GoStructs.labelSelector(spec.get("selector")), "`selector` not auto-generated");
      }
    });
  }

  @Override
  public void validateUpdate(ObjectNode old, ObjectNode object, FieldErrors errors) {
    JsonNode spec = object.path("spec");
    JsonNode before = old.path("spec");
    completions(before, spec, errors);
    Fields.immutable(before.get("selector"), spec.get("selector"), "spec.selector",
        GoStructs.labelSelector(spec.get("selector")), errors);
    JobTemplates.unchanged(old, object, errors);
    Fields.immutable(before.get("completionMode"), spec.get("completionMode"), "spec.completionMode",
        spec.path("completionMode").asText(null), errors);
    Fields.immutable(before.get("podFailurePolicy"), spec.get("podFailurePolicy"), "spec.podFailurePolicy",
        new GoStructs.Text("&batch.PodFailurePolicy{...}"), errors);
  }

  /** Elastic Indexed Jobs (beta, on in 1.28) may change completions together with parallelism. */
  private static void completions(JsonNode before, JsonNode spec, FieldErrors errors) {
    Object shown = Fields.has(spec, "completions") ? spec.get("completions").asLong() : null;
    if (!spec.path("completionMode").asText("").equals("Indexed")) {
      Fields.immutable(before.get("completions"), spec.get("completions"), "spec.completions", shown, errors);
      return;
    }
    if (Fields.same(before.get("completions"), spec.get("completions")) || !Fields.has(spec, "completions")) {
      return;
    }
    if (spec.get("completions").asLong() != spec.path("parallelism").asLong(0)) {
      errors.invalid("spec.completions", shown, "can only be modified in tandem with spec.parallelism");
    }
  }
}
