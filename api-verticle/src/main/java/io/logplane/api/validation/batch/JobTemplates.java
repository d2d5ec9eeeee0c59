package io.logplane.api.validation.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.workloads.Fields;
import io.logplane.api.validation.workloads.GoStructs;

/**
 * A Job's pod template is immutable, except that a Job suspended and never started may change
 * its scheduling directives (node selector, tolerations, node affinity, scheduling gates) and
 * the template's labels and annotations ({@code validatePodTemplateUpdate}).
 */
final class JobTemplates {

  private JobTemplates() {}

  static void unchanged(ObjectNode old, ObjectNode object, FieldErrors errors) {
    JsonNode now = object.path("spec").path("template");
    JsonNode before = old.path("spec").path("template");
    boolean mutable = old.path("spec").path("suspend").asBoolean(false) && !Fields.has(old.path("status"), "startTime");
    if (mutable) {
      before = schedulingFrom(before, now);
    }
    Fields.immutable(before, now, "spec.template", new GoStructs.Text("core.PodTemplateSpec{...}"), errors);
  }

  /** The old template with the directives that may change taken from the new one. */
  private static JsonNode schedulingFrom(JsonNode before, JsonNode now) {
    ObjectNode copy = before.isObject() ? ((ObjectNode) before).deepCopy() : JsonNodeFactoryHolder.object();
    ObjectNode meta = copy.with("metadata");
    ObjectNode spec = copy.with("spec");
    take(meta, now.path("metadata"), "labels");
    take(meta, now.path("metadata"), "annotations");
    for (String f : new String[] {"nodeSelector", "tolerations", "schedulingGates"}) {
      take(spec, now.path("spec"), f);
    }
    ObjectNode affinity = spec.with("affinity");
    take(affinity, now.path("spec").path("affinity"), "nodeAffinity");
    return copy;
  }

  private static void take(ObjectNode into, JsonNode from, String field) {
    if (from.has(field)) {
      into.set(field, from.get(field).deepCopy());
    } else {
      into.remove(field);
    }
  }

  private static final class JsonNodeFactoryHolder {
    static ObjectNode object() {
      return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }
  }
}
