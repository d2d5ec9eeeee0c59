package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.Names;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A LimitRange as ValidateLimitRange checks it: each limit of a known type, once; resource names
 * that fit the type; no defaults for Pod limits; storage bounds for claims; and min, default
 * request, default and max in that order for each resource (see {@link LimitOrder}).
 */
final class LimitRangeValidator implements KindValidator {

  static final List<String> TYPES = List.of("Pod", "Container", "PersistentVolumeClaim");

  @Override
  public void validate(ObjectNode range, FieldErrors errors) {
    JsonNode limits = range.path("spec").path("limits");
    Set<String> types = new HashSet<>();
    for (int i = 0; i < limits.size(); i++) {
      JsonNode limit = limits.get(i);
      String path = "spec.limits[" + i + "]";
      String type = limit.path("type").asText("");
      type(type, path + ".type", errors);
      if (!types.add(type)) {
        errors.duplicate(path + ".type", type);
      }
      Set<String> keys = new TreeSet<>();
      names(limit, "max", type, path, keys, errors);
      names(limit, "min", type, path, keys, errors);
      if (type.equals("Pod")) {
        for (String f : new String[] {"default", "defaultRequest"}) {
          if (!limit.path(f).isEmpty()) {
            errors.forbidden(path + "." + f, "may not be specified when `type` is 'Pod'");
          }
        }
      } else {
        names(limit, "default", type, path, keys, errors);
        names(limit, "defaultRequest", type, path, keys, errors);
      }
      if (type.equals("PersistentVolumeClaim") && !limit.path("min").has("storage")
          && !limit.path("max").has("storage")) {
        errors.required(path + ".limits", "either minimum or maximum storage value is required, but neither was"
            + " provided");
      }
      names(limit, "maxLimitRequestRatio", type, path, keys, errors);
      for (String k : keys) {
        LimitOrder.check(limit, type.equals("Pod"), k, path, errors);
      }
    }
  }

  private static void type(String type, String path, FieldErrors errors) {
    List<String> messages = Names.isQualifiedName(type);
    Names.check(messages, path, type, errors);
    if (messages.isEmpty() && !type.contains("/") && !TYPES.contains(type)) {
      errors.invalid(path, type, "must be a standard limit type or fully qualified");
    }
  }

  private static void names(JsonNode limit, String field, String type, String path, Set<String> keys,
      FieldErrors errors) {
    for (Map.Entry<String, JsonNode> e : ResourceQuotaValidator.fields(limit.path(field))) {
      String at = path + "." + field + "[" + e.getKey() + "]";
      if (type.equals("Pod") || type.equals("Container")) {
        ResourceNames.container(e.getKey(), at, errors);
      } else {
        ResourceNames.check(e.getKey(), at, errors);
      }
      keys.add(e.getKey());
    }
  }
}
