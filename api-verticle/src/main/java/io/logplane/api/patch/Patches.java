package io.logplane.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.resources.ResourceType;

/**
 * JSON, merge and strategic merge patches as pure functions: the current object and the request
 * body in, the patched object out. Nothing is validated beyond what patching needs; the caller
 * decodes, defaults and validates the result like any update, and records field ownership with
 * {@link ServerSideApply#trackUpdate}.
 */
public final class Patches {

  private Patches() {}

  /**
   * Applies a patch to a copy of {@code current}.
   *
   * @param type     JSON, MERGE or STRATEGIC ({@link PatchType#APPLY} goes to {@link ServerSideApply})
   * @param current  the stored object; not modified
   * @param body     the request body
   * @param resource the resource, whose fabric8 model class drives strategic merge; with no model
   *                 class (custom resources) lists are replaced as in a merge patch
   * @return the patched object
   * @throws PatchException 400 for an undecodable body or malformed directive, 422 when JSON patch
   *                        operations do not apply (unknown op, failed {@code test}, missing path) or the result
   *                        is not an object, 413 past 10000 JSON patch operations
   */
  public static ObjectNode apply(PatchType type, ObjectNode current, byte[] body, ResourceType resource) {
    return switch (type) {
      case JSON -> JsonPatches.apply(current, body);
      case MERGE -> asObject(MergePatch.apply(current, Json.parseObject(body)));
      case STRATEGIC -> StrategicMergePatch.apply(current, Json.parseObject(body), TypeSchema.of(resource));
      case APPLY -> throw new IllegalArgumentException("apply patches are handled by ServerSideApply.apply");
    };
  }

  static ObjectNode asObject(JsonNode n) {
    if (!n.isObject()) {
      throw PatchException.invalid("the patched document is not a JSON object");
    }
    return (ObjectNode) n;
  }
}
