package io.logplane.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.http.ApiException;
import io.logplane.api.resources.ResourceType;
import io.logplane.api.validation.internal.GoTypes;
import io.logplane.projections.Quantity;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What kube-apiserver refuses while decoding a body, before any validation: a quantity that
 * ParseQuantity does not read, a {@code []byte} field (Secret data, ConfigMap binaryData) that is
 * not base64, a value of another JSON type than its Go field. There it is a 400
 * {@code <Kind> in version "v1" cannot be handled as a <Kind>: ...}; so it is here.
 */
public final class Decoding {

  /** Maps whose values are all quantities, as "parent.key" ("*" any parent), by resource. */
  private static final Set<String> ANY_KIND = Set.of("resources.limits", "resources.requests", "spec.overhead");
  private static final Map<String, Set<String>> BY_RESOURCE = Map.of(
      "resourcequotas", Set.of("*.hard", "*.used"),
      "persistentvolumes", Set.of("*.capacity"),
      "persistentvolumeclaims", Set.of("*.capacity", "*.allocatedResources"),
      "nodes", Set.of("*.capacity", "*.allocatable"),
      "limitranges", Set.of("limits.max", "limits.min", "limits.default", "limits.defaultRequest",
          "limits.maxLimitRequestRatio"));

  private Decoding() {}

  public static void check(ResourceType type, ObjectNode object) {
    check(type, object, null, null);
  }

  /**
   * As {@link #check(ResourceType, ObjectNode)}, first holding every value to the JSON type of
   * its Go field ({@link GoTypes}) as the kind's OpenAPI schema gives it, when one is given.
   */
  public static void check(ResourceType type, ObjectNode object, JsonNode schemas, JsonNode schema) {
    if (type.modelClass() == null) {
      return;
    }
    Optional<String> error = schema == null ? Optional.empty() : new GoTypes(schemas).error(object, schema, type.kind());
    if (error.isEmpty()) {
      error = values(type, object);
    }
    if (error.isPresent()) {
      String version = type.apiVersion().substring(type.apiVersion().lastIndexOf('/') + 1);
      throw ApiException.badRequest(type.kind() + " in version \"" + version + "\" cannot be handled as a "
          + type.kind() + ": " + error.get());
    }
  }

  private static Optional<String> values(ResourceType type, ObjectNode object) {
    if (type.group().equals("certificates.k8s.io") && type.resource().equals("certificatesigningrequests")) {
      return io.logplane.api.certificates.CsrValidator.decodingError(object);
    }
    return type.group().isEmpty() && type.resource().equals("secrets")
        ? bytes(object.path("data"))
        : type.group().isEmpty() && type.resource().equals("configmaps") ? bytes(object.path("binaryData"))
        : quantities(object, null, null, type.group().isEmpty()
            ? BY_RESOURCE.getOrDefault(type.resource(), Set.of()) : Set.of());
  }

  private static Optional<String> bytes(JsonNode data) {
    for (Iterator<JsonNode> it = data.elements(); it.hasNext();) {
      JsonNode v = it.next();
      if (v.isTextual()) {
        OptionalInt at = GoBase64.errorOffset(v.textValue());
        if (at.isPresent()) {
          return Optional.of("illegal base64 data at input byte " + at.getAsInt());
        }
      }
    }
    return Optional.empty();
  }

  /** Walks the object; a quantity is a value of the maps above or an emptyDir's sizeLimit. */
  private static Optional<String> quantities(JsonNode node, String key, String parentKey, Set<String> maps) {
    if (node.isObject()) {
      boolean quantityMap = ANY_KIND.contains(parentKey + "." + key) || maps.contains(parentKey + "." + key)
          || maps.contains("*." + key);
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        if (quantityMap && v.isValueNode() || "sizeLimit".equals(e.getKey()) && "emptyDir".equals(key)) {
          Optional<String> error = Quantity.error(v);
          if (error.isPresent()) {
            return error;
          }
        } else if (!e.getKey().equals("metadata") && !v.isValueNode()) {
          Optional<String> error = quantities(v, e.getKey(), key, maps);
          if (error.isPresent()) {
            return error;
          }
        }
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        Optional<String> error = quantities(item, key, parentKey, maps);
        if (error.isPresent()) {
          return error;
        }
      }
    }
    return Optional.empty();
  }
}
