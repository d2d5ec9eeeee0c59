package io.logplane.api.validation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import java.util.HashSet;
import java.util.Set;

/**
 * The volume sources that write files (secret, configMap, downwardAPI, projected), as their
 * validators check them: file modes in 0-0777, item paths that stay inside the volume, and in a
 * projected volume one source per entry and no path twice.
 */
final class VolumeFiles {

  private static final String MODE_ERROR = "must be a number between 0 and 0777 (octal), both inclusive";
  private static final long MIN_TOKEN_SECONDS = 10 * 60;
  private static final long MAX_TOKEN_SECONDS = 1L << 32;

  private VolumeFiles() {}

  static void validate(String source, JsonNode src, String path, FieldErrors errors) {
    switch (source) {
      case "secret", "configMap" -> {
        mode(src, "defaultMode", path, errors);
        JsonNode items = src.path("items");
        for (int i = 0; i < items.size(); i++) {
          keyToPath(items.get(i), path + ".items[" + i + "]", errors);
        }
      }
      case "downwardAPI" -> {
        mode(src, "defaultMode", path, errors);
        // kube reports a file's errors at the volume's path, without the item's index
        src.path("items").forEach(file -> downwardFile(file, path, errors));
      }
      case "projected" -> {
        mode(src, "defaultMode", path, errors);
        projections(src.path("sources"), path, errors);
      }
      default -> { }
    }
  }

  private static void projections(JsonNode sources, String path, FieldErrors errors) {
    Set<String> paths = new HashSet<>();
    for (int i = 0; i < sources.size(); i++) {
      JsonNode source = sources.get(i);
      String at = path + ".sources[" + i + "]";
      int count = 0;
      for (String kind : new String[] {"secret", "configMap"}) {
        JsonNode s = source.get(kind);
        if (s == null || s.isNull()) {
          continue;
        }
        count++;
        if (s.path("name").asText("").isEmpty()) {
          errors.required(at + "." + kind + ".name", null);
        }
        JsonNode items = s.path("items");
        for (int j = 0; j < items.size(); j++) {
          keyToPath(items.get(j), at + "." + kind + ".items[" + j + "]", errors);
          String p = items.get(j).path("path").asText("");
          if (!p.isEmpty() && !paths.add(p)) {
            errors.invalid(path, s.path("name").asText(""), "conflicting duplicate paths");
          }
        }
      }
      if (source.hasNonNull("downwardAPI")) {
        count++;
        for (JsonNode file : source.get("downwardAPI").path("items")) {
          downwardFile(file, at + ".downwardAPI", errors);
          String p = file.path("path").asText("");
          if (!p.isEmpty() && !paths.add(p)) {
            errors.invalid(path, p, "conflicting duplicate paths");
          }
        }
      }
      if (source.hasNonNull("serviceAccountToken")) {
        count++;
        JsonNode token = source.get("serviceAccountToken");
        long seconds = token.path("expirationSeconds").asLong(3600);
        if (seconds < MIN_TOKEN_SECONDS) {
          errors.invalid(at + ".serviceAccountToken.expirationSeconds", seconds,
              "may not specify a duration less than 10 minutes");
        }
        if (seconds > MAX_TOKEN_SECONDS) {
          errors.invalid(at + ".serviceAccountToken.expirationSeconds", seconds,
              "may not specify a duration larger than 2^32 seconds");
        }
        if (token.path("path").asText("").isEmpty()) {
          errors.required(path + ".path", null);
        }
      }
      if (count > 1) {
        errors.forbidden(at, "may not specify more than 1 volume type");
      }
    }
  }

  private static void keyToPath(JsonNode item, String path, FieldErrors errors) {
    if (item.path("key").asText("").isEmpty()) {
      errors.required(path + ".key", null);
    }
    String p = item.path("path").asText("");
    if (p.isEmpty()) {
      errors.required(path + ".path", null);
    }
    LocalPaths.nonReserved(p, path + ".path", errors);
    mode(item, "mode", path, errors);
  }

  private static void downwardFile(JsonNode file, String path, FieldErrors errors) {
    String p = file.path("path").asText("");
    if (p.isEmpty()) {
      errors.required(path + ".path", null);
    }
    LocalPaths.nonReserved(p, path + ".path", errors);
    boolean resource = file.hasNonNull("resourceFieldRef");
    if (file.hasNonNull("fieldRef")) {
      FieldRefs.object(file.get("fieldRef"), FieldRefs.VOLUME_FIELDS, path + ".fieldRef", errors);
      if (resource) {
        errors.invalid(path, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously");
      }
    } else if (resource) {
      FieldRefs.resource(file.get("resourceFieldRef"), true, path + ".resourceFieldRef", errors);
    } else {
      errors.required(path, "one of fieldRef and resourceFieldRef is required");
    }
    mode(file, "mode", path, errors);
  }

  private static void mode(JsonNode node, String field, String path, FieldErrors errors) {
    JsonNode mode = node.get(field);
    if (mode != null && !mode.isNull() && (mode.asLong() < 0 || mode.asLong() > 0777)) {
      errors.invalid(path + "." + field, mode.asLong(), MODE_ERROR);
    }
  }
}
