package io.logplane.api.validation.networking;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.Names;
import io.logplane.api.validation.workloads.Fields;

/** A reference to another object by API group, kind and name ({@code validateIngressTypedLocalObjectReference}). */
final class References {

  private References() {}

  static void typedLocal(JsonNode ref, String path, FieldErrors errors) {
    if (Fields.has(ref, "apiGroup")) {
      String group = ref.get("apiGroup").asText();
      Names.check(Names.isDns1123Subdomain(group), path + ".apiGroup", group, errors);
    }
    String kind = ref.path("kind").asText("");
    if (kind.isEmpty()) {
      errors.required(path + ".kind", "kind is required");
    } else {
      Names.check(Formats.isPathSegmentName(kind), path + ".kind", kind, errors);
    }
    String name = ref.path("name").asText("");
    if (name.isEmpty()) {
      errors.required(path + ".name", "name is required");
    } else {
      Names.check(Formats.isPathSegmentName(name), path + ".name", name, errors);
    }
  }
}
