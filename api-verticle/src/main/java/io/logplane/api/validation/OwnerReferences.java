package io.logplane.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.internal.GoStruct;

/**
 * {@code ValidateOwnerReferences}: each reference complete (a version, a kind, a name and a
 * uid), no Event as an owner, and at most one controller. As in kube, the errors of a reference
 * carry no index ({@code metadata.ownerReferences.uid}).
 */
final class OwnerReferences {

  private OwnerReferences() {}

  static void validate(JsonNode refs, String path, FieldErrors errors) {
    String firstController = null;
    for (JsonNode ref : refs) {
      one(ref, path, errors);
      if (ref.path("controller").asBoolean(false)) {
        String current = ref.path("kind").asText("") + "/" + ref.path("name").asText("");
        if (firstController != null) {
          errors.invalid(path, GoStruct.ownerReferences(refs), "Only one reference can have Controller set to true."
              + " Found \"true\" in references for " + firstController + " and " + current);
        } else {
          firstController = current;
        }
      }
    }
  }

  private static void one(JsonNode ref, String path, FieldErrors errors) {
    String apiVersion = ref.path("apiVersion").asText("");
    String kind = ref.path("kind").asText("");
    String[] gv = groupVersion(apiVersion);
    if (gv[1].isEmpty()) {
      errors.invalid(path + ".apiVersion", apiVersion, "version must not be empty");
    }
    if (kind.isEmpty()) {
      errors.invalid(path + ".kind", kind, "kind must not be empty");
    }
    if (ref.path("name").asText("").isEmpty()) {
      errors.invalid(path + ".name", ref.path("name").asText(""), "name must not be empty");
    }
    if (ref.path("uid").asText("").isEmpty()) {
      errors.invalid(path + ".uid", ref.path("uid").asText(""), "uid must not be empty");
    }
    if (gv[0].isEmpty() && gv[1].equals("v1") && kind.equals("Event")) {
      errors.invalid(path, GoStruct.ownerReferences(ref), "/v1, Kind=Event is disallowed from being an owner");
    }
  }

  /** schema.ParseGroupVersion: "v1", "group/version"; anything else reads as empty. */
  private static String[] groupVersion(String apiVersion) {
    if (apiVersion.isEmpty() || apiVersion.equals("/")) {
      return new String[] {"", ""};
    }
    String[] parts = apiVersion.split("/", -1);
    return switch (parts.length) {
      case 1 -> new String[] {"", parts[0]};
      case 2 -> parts;
      default -> new String[] {"", ""};
    };
  }
}
