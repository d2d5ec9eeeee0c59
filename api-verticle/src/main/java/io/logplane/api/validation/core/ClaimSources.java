package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.Names;

/** A claim's dataSource and dataSourceRef, as validateDataSource(Ref) and their agreement. */
final class ClaimSources {

  private ClaimSources() {}

  static void validate(JsonNode spec, FieldErrors errors) {
    JsonNode source = spec.get("dataSource");
    JsonNode ref = spec.get("dataSourceRef");
    boolean hasSource = source != null && source.isObject();
    boolean hasRef = ref != null && ref.isObject();
    if (hasSource) {
      reference(source, "spec.dataSource", errors);
    }
    if (hasRef) {
      reference(ref, "spec.dataSourceRef", errors);
      String ns = ref.path("namespace").asText("");
      if (!ns.isEmpty()) {
        Names.check(Names.isDns1123Label(ns), "spec.dataSourceRef.namespace", ns, errors);
      }
    }
    if (hasRef && !ref.path("namespace").asText("").isEmpty()) {
      if (hasSource) {
        errors.invalid("spec", "spec.dataSource", "may not be specified when dataSourceRef.namespace is specified");
      }
    } else if (hasSource && hasRef) {
      boolean same = source.path("apiGroup").asText("").equals(ref.path("apiGroup").asText(""))
          && source.path("apiGroup").isMissingNode() == ref.path("apiGroup").isMissingNode()
          && source.path("kind").asText("").equals(ref.path("kind").asText(""))
          && source.path("name").asText("").equals(ref.path("name").asText(""));
      if (!same) {
        errors.invalid("spec", "spec.dataSource", "must match dataSourceRef");
      }
    }
  }

  private static void reference(JsonNode r, String path, FieldErrors errors) {
    if (r.path("name").asText("").isEmpty()) {
      errors.required(path + ".name", null);
    }
    String kind = r.path("kind").asText("");
    if (kind.isEmpty()) {
      errors.required(path + ".kind", null);
    }
    if (r.path("apiGroup").asText("").isEmpty() && !kind.equals("PersistentVolumeClaim")) {
      errors.invalid(path, kind, "must be 'PersistentVolumeClaim' when referencing the default apiGroup");
    }
  }
}
