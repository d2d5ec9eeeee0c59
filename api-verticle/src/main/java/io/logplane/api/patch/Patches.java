package io.logplane.api.patch;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.CompatibilityFlags;
import com.flipkart.zjsonpatch.InvalidJsonPatchException;
import com.flipkart.zjsonpatch.JsonPatch;
import com.flipkart.zjsonpatch.JsonPatchApplicationException;
import io.logplane.api.resources.ResourceType;
import java.util.EnumSet;
import java.util.regex.Pattern;

/**
 * JSON, merge and strategic merge patches as pure functions: the current object and the request
 * body in, the patched object out. Nothing is validated beyond what patching needs; the caller
 * decodes, defaults and validates the result like any update, and records field ownership with
 * {@link ServerSideApply#trackUpdate}.
 */
public final class Patches {

  /** kube-apiserver's limit on operations in one JSON patch. */
  static final int MAX_JSON_PATCH_OPERATIONS = 10000;

  // evanphx/json-patch, which kube uses, refuses to remove a missing key; zjsonpatch's default
  // ignores it, so ask for the strict behaviour.
  private static final EnumSet<CompatibilityFlags> FLAGS = EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);

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
      case JSON -> jsonPatch(current, body);
      case MERGE -> asObject(MergePatch.apply(current, Json.parseObject(body)));
      case STRATEGIC -> StrategicMergePatch.apply(current, Json.parseObject(body), TypeSchema.of(resource));
      case APPLY -> throw new IllegalArgumentException("apply patches are handled by ServerSideApply.apply");
    };
  }

  private static ObjectNode jsonPatch(ObjectNode current, byte[] body) {
    JsonNode ops = Json.parse(body);
    if (!ops.isArray()) {
      throw PatchException.badRequest("json: cannot unmarshal " + Json.kind(ops) + " into Go value of type jsonpatch.Patch");
    }
    if (ops.size() > MAX_JSON_PATCH_OPERATIONS) {
      throw new PatchException(413, "The allowed maximum operations in a JSON patch is "
          + MAX_JSON_PATCH_OPERATIONS + ", got " + ops.size());
    }
    for (JsonNode op : ops) {
      if (!op.isObject()) {
        throw PatchException.badRequest("json: cannot unmarshal " + Json.kind(op)
            + " into Go value of type jsonpatch.Operation");
      }
    }
    ops = literalTildes(ops);
    // kube decodes any operation object and fails only when applying it (an unknown op, a
    // missing path): a 422, as a failed test is
    try {
      JsonPatch.validate(ops, FLAGS);
      JsonNode doc = current.deepCopy();
      for (JsonNode op : ops) {
        refuseEndOfArray(op, doc);
        JsonPatch.applyInPlace(Json.NODES.arrayNode().add(op), doc, FLAGS);
      }
      return asObject(doc);
    } catch (InvalidJsonPatchException e) {
      throw PatchException.invalid(e.getMessage());
    } catch (JsonPatchApplicationException e) {
      throw PatchException.invalid(e.getMessage());
    } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
      // a path zjsonpatch cannot read ("data", no leading slash; "/list/01", an index with a
      // leading zero): evanphx/json-patch finds no such path (though it reads 01 as 1), and kube
      // answers that as any operation that does not apply
      throw PatchException.invalid("the JSON patch does not apply: " + e.getMessage());
    }
  }

  /**
   * Refuses a remove or replace of {@code -} in an array, as evanphx/json-patch does ("Unable to
   * access invalid index"): {@code -} names the place after the last element, where only add, move
   * and copy may put one. zjsonpatch removes nothing there, or throws IndexOutOfBoundsException on
   * a replace. In an object, {@code -} is a key like any other.
   */
  private static void refuseEndOfArray(JsonNode op, JsonNode doc) {
    String kind = op.path("op").asText();
    String path = op.path("path").asText();
    if ((kind.equals("remove") || kind.equals("replace")) && path.endsWith("/-")
        && doc.at(JsonPointer.compile(path).head()).isArray()) {
      throw PatchException.invalid("Unable to access invalid index: -");
    }
  }

  /**
   * The operations with each {@code ~} of a path or from that starts no escape ({@code ~0},
   * {@code ~1}) written {@code ~0}: evanphx/json-patch, which kube uses, reads such a tilde as
   * itself, where zjsonpatch throws on it.
   */
  private static JsonNode literalTildes(JsonNode ops) {
    JsonNode copy = ops.deepCopy();
    for (JsonNode op : copy) {
      for (String field : new String[] {"path", "from"}) {
        JsonNode p = op.get(field);
        if (p != null && p.isTextual() && p.textValue().contains("~")) {
          ((ObjectNode) op).put(field, LONE_TILDE.matcher(p.textValue()).replaceAll("~0"));
        }
      }
    }
    return copy;
  }

  private static final Pattern LONE_TILDE = Pattern.compile("~(?![01])");

  private static ObjectNode asObject(JsonNode n) {
    if (!n.isObject()) {
      throw PatchException.invalid("the patched document is not a JSON object");
    }
    return (ObjectNode) n;
  }
}
