package io.logplane.api.validation.networking;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import java.util.List;

/** An HTTP path of an Ingress rule ({@code validateHTTPIngressPath}). */
final class IngressPaths {

  private static final List<String> TYPES = List.of("Exact", "ImplementationSpecific", "Prefix");
  private static final List<String> BAD_SEQUENCES = List.of("//", "/./", "/../", "%2f", "%2F");
  private static final List<String> BAD_SUFFIXES = List.of("/..", "/.");

  private IngressPaths() {}

  static void validate(JsonNode p, String path, FieldErrors errors) {
    JsonNode type = p.get("pathType");
    if (type == null || type.isNull()) {
      errors.required(path + ".pathType", "pathType must be specified");
      return;
    }
    String value = p.path("path").asText("");
    switch (type.asText()) {
      case "Exact", "Prefix" -> {
        if (!value.startsWith("/")) {
          errors.invalid(path + ".path", value, "must be an absolute path");
        }
        for (String s : BAD_SEQUENCES) {
          if (value.contains(s)) {
            errors.invalid(path + ".path", value, "must not contain '" + s + "'");
          }
        }
        for (String s : BAD_SUFFIXES) {
          if (value.endsWith(s)) {
            errors.invalid(path + ".path", value, "cannot end with '" + s + "'");
          }
        }
      }
      case "ImplementationSpecific" -> {
        if (!value.isEmpty() && !value.startsWith("/")) {
          errors.invalid(path + ".path", value, "must be an absolute path");
        }
      }
      default -> errors.notSupported(path + ".pathType", type.asText(), TYPES);
    }
    IngressBackends.validate(p.path("backend"), path + ".backend", errors);
  }
}
