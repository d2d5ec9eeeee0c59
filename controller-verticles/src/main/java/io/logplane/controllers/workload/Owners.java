package io.logplane.controllers.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;

/** Controller references, as metav1's {@code GetControllerOf} and {@code NewControllerRef}. */
public final class Owners {

  private Owners() {}

  /** The ownerReference with {@code controller: true}, or null. */
  public static JsonNode controllerRef(JsonNode object) {
    for (JsonNode ref : Metadata.ownerReferences(object)) {
      if (ref.path("controller").asBoolean(false)) {
        return ref;
      }
    }
    return null;
  }

  /** Whether the object's controller is the owner of that uid. */
  public static boolean controlledBy(JsonNode object, String ownerUid) {
    JsonNode ref = controllerRef(object);
    return ref != null && ownerUid != null && ownerUid.equals(ref.path("uid").asText());
  }

  /** The name of the object's controller when it is of that kind, or null. */
  public static String controllerName(JsonNode object, String kind) {
    JsonNode ref = controllerRef(object);
    return ref != null && kind.equals(ref.path("kind").asText()) ? ref.path("name").asText() : null;
  }

  /** A reference to owner as its controller, blocking the owner's foreground deletion. */
  public static ObjectNode newControllerRef(JsonNode owner, String apiVersion, String kind) {
    ObjectNode ref = JsonNodeFactory.instance.objectNode();
    ref.put("apiVersion", apiVersion);
    ref.put("kind", kind);
    ref.put("name", Metadata.text(owner, "name"));
    ref.put("uid", Metadata.uid(owner));
    ref.put("controller", true);
    ref.put("blockOwnerDeletion", true);
    return ref;
  }
}
