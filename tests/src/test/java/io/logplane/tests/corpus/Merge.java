package io.logplane.tests.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON merge patch (RFC 7386) on a copy: how a case's {@code with} and {@code setup} change the
 * file's base object. Objects merge key by key, null removes a key, anything else (lists too)
 * replaces.
 */
final class Merge {

  private Merge() {}

  static JsonNode apply(JsonNode target, JsonNode patch) {
    if (patch == null || patch.isMissingNode()) {
      return target.deepCopy();
    }
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode out = target.isObject() ? ((ObjectNode) target).deepCopy() : Corpus.YAML.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        out.remove(e.getKey());
      } else {
        out.set(e.getKey(), apply(out.path(e.getKey()), e.getValue()));
      }
    }
    return out;
  }
}
