package io.logplane.controllers.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.workload.Trees;
import io.logplane.projections.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The pod-template-hash ({@code controller.ComputeHash}): FNV-32a of the template, then of the
 * collision count (4 bytes, little-endian) when there is one, its decimal digits encoded with
 * {@code rand.SafeEncodeString}'s alphabet. Kube hashes the Go struct's printed form, which a
 * JSON tree does not have: the hash is hashed from the template's canonical JSON (keys sorted)
 * instead, so it has kube's shape and stability but not its value.
 */
final class TemplateHash {

  static final String LABEL = "pod-template-hash";
  private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

  private TemplateHash() {}

  static String of(JsonNode template, Integer collisionCount) {
    int h = 0x811c9dc5;
    for (byte b : canonical(template)) {
      h = (h ^ (b & 0xff)) * 0x01000193;
    }
    if (collisionCount != null) {
      for (int i = 0; i < 4; i++) {
        h = (h ^ ((collisionCount >>> (8 * i)) & 0xff)) * 0x01000193;
      }
    }
    String digits = Long.toString(Integer.toUnsignedLong(h));
    StringBuilder out = new StringBuilder();
    for (char c : digits.toCharArray()) {
      out.append(ALPHANUMS.charAt(c % ALPHANUMS.length()));
    }
    return out.toString();
  }

  /** Whether two templates are equal once their pod-template-hash labels are set aside ({@code EqualIgnoreHash}). */
  static boolean equalIgnoringHash(JsonNode a, JsonNode b) {
    return Trees.same(Trees.withoutNulls(withoutHash(a)), Trees.withoutNulls(withoutHash(b)));
  }

  private static JsonNode withoutHash(JsonNode template) {
    if (!(template instanceof ObjectNode t) || !(t.path("metadata").path("labels") instanceof ObjectNode)) {
      return template;
    }
    ObjectNode copy = t.deepCopy();
    ObjectNode labels = (ObjectNode) copy.path("metadata").path("labels");
    labels.remove(LABEL);
    if (labels.isEmpty()) {
      ((ObjectNode) copy.get("metadata")).remove("labels");
    }
    return copy;
  }

  private static byte[] canonical(JsonNode node) {
    try {
      return Json.MAPPER.writeValueAsBytes(sorted(Trees.withoutNulls(node)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a template read as JSON writes as JSON", e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      ObjectNode copy = o.objectNode();
      names.forEach(n -> copy.set(n, sorted(o.get(n))));
      return copy;
    }
    if (node.isArray()) {
      var copy = Json.MAPPER.createArrayNode();
      node.forEach(e -> copy.add(sorted(e)));
      return copy;
    }
    return node;
  }
}
