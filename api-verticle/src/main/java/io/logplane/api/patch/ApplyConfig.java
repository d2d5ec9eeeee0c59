package io.logplane.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.http.Bodies;
import io.logplane.api.resources.ResourceType;
import java.io.IOException;
import java.util.List;
import java.util.TreeMap;

/** Decoding and checking an applied configuration, and kubectl's last-applied annotation. */
final class ApplyConfig {

  // Server-set metadata an apply configuration may carry (e.g. from `kubectl get -o yaml`) and
  // the apiserver never takes from it.
  private static final List<String> SERVER_METADATA =
      List.of("resourceVersion", "uid", "creationTimestamp", "generation", "selfLink", "managedFields");

  private ApplyConfig() {}

  /** The configuration to merge: decoded, checked against the resource, server fields dropped. */
  static ObjectNode parse(byte[] body, ResourceType resource, String subresource) {
    JsonNode n;
    try {
      n = body == null || body.length == 0 ? null : Json.YAML.readTree(body);
    } catch (IOException e) {
      throw PatchException.badRequest("error decoding YAML: " + Bodies.withoutSource(e.getMessage()));
    }
    if (n == null || !n.isObject()) {
      throw PatchException.badRequest("error decoding YAML: the configuration must be an object");
    }
    ObjectNode config = ((ObjectNode) n).deepCopy();
    String apiVersion = config.path("apiVersion").asText("");
    if (!apiVersion.equals(resource.apiVersion())) {
      throw PatchException.badRequest("Incorrect version specified in apply patch. Specified patch version: "
          + apiVersion + ", expected: " + resource.apiVersion());
    }
    String kind = config.path("kind").asText("");
    if (!kind.equals(resource.kind())) {
      throw PatchException.badRequest("Incorrect kind specified in apply patch. Specified patch kind: "
          + kind + ", expected: " + resource.kind());
    }
    JsonNode meta = config.get("metadata");
    if (meta != null && meta.has("managedFields") && !meta.get("managedFields").isNull()) {
      throw PatchException.badRequest("metadata.managedFields must be nil");
    }
    if (meta instanceof ObjectNode m) {
      m.remove(SERVER_METADATA);
    }
    if ("status".equals(subresource)) {
      // Through /status only status is taken; the rest of the object is the stored one's.
      config.retain("apiVersion", "kind", "status");
    } else if (resource.subresources().contains("status")) {
      config.remove("status");
    }
    return config;
  }

  /**
   * For the manager {@code kubectl}, keeps an existing last-applied annotation equal to what
   * was just applied, so a later client-side {@code kubectl apply} computes the right patch.
   */
  static void syncLastApplied(ObjectNode merged, ObjectNode live, String manager, byte[] body) {
    if (!"kubectl".equals(manager) || !live.path("metadata").path("annotations").has(ServerSideApply.LAST_APPLIED)) {
      return;
    }
    ObjectNode applied;
    try {
      applied = (ObjectNode) Json.YAML.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("the configuration decoded once already", e);
    }
    if (applied.path("metadata").path("annotations") instanceof ObjectNode a) {
      a.remove(ServerSideApply.LAST_APPLIED);
    }
    ObjectNode annotations = child(child(merged, "metadata"), "annotations");
    annotations.put(ServerSideApply.LAST_APPLIED, Json.text(sorted(applied)) + "\n");
  }

  private static ObjectNode child(ObjectNode o, String name) {
    return o.get(name) instanceof ObjectNode c ? c : o.putObject(name);
  }

  /** Go encodes maps with sorted keys; kubectl's annotation is written that way. */
  private static JsonNode sorted(JsonNode n) {
    if (n.isObject()) {
      TreeMap<String, JsonNode> m = new TreeMap<>();
      n.fields().forEachRemaining(e -> m.put(e.getKey(), sorted(e.getValue())));
      ObjectNode o = Json.object();
      m.forEach(o::set);
      return o;
    }
    if (n.isArray()) {
      var a = Json.NODES.arrayNode();
      n.forEach(x -> a.add(sorted(x)));
      return a;
    }
    return n;
  }
}
