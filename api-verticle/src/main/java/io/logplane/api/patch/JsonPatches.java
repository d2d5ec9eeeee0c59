package io.logplane.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.CompatibilityFlags;
import com.flipkart.zjsonpatch.JsonPatch;
import com.flipkart.zjsonpatch.JsonPatchApplicationException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.regex.Pattern;

/**
 * RFC 6902 JSON patches as kube-apiserver applies them with evanphx/json-patch: zjsonpatch does
 * each operation, and this class gives it kube's reading where the two differ. Operations are
 * applied one by one to one copy of the object, so each is checked against the document the ones
 * before it left.
 *
 * <ul>
 *   <li>a negative index counts from the end of its array ({@code /items/-1} is the last);
 *   <li>{@code -} names the place after the last element, where only add, move and copy put one:
 *       a remove or replace of it is refused;
 *   <li>no operation but {@code test} may take or replace the whole document (path or from
 *       {@code ""});
 *   <li>copies may add at most 3 MiB in all, kube's {@code JSONPatchMaxCopyBytes}: without it, a
 *       few dozen copies of the document into itself double it each time;
 *   <li>a {@code ~} that starts no escape is a tilde;
 *   <li>at most 10,000 operations (413).
 * </ul>
 */
final class JsonPatches {

  /** kube-apiserver's limit on operations in one JSON patch. */
  static final int MAX_OPERATIONS = 10000;

  /** kube-apiserver's {@code JSONPatchMaxCopyBytes}: what copy operations may add, in all. */
  static final long MAX_COPY_BYTES = 3L * 1024 * 1024;

  // evanphx/json-patch, which kube uses, refuses to remove a missing key; zjsonpatch's default
  // ignores it, so ask for the strict behaviour.
  private static final EnumSet<CompatibilityFlags> FLAGS = EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);

  private static final Pattern LONE_TILDE = Pattern.compile("~(?![01])");
  private static final Pattern NEGATIVE = Pattern.compile("-[0-9]+");

  private JsonPatches() {}

  static ObjectNode apply(ObjectNode current, byte[] body) {
    JsonNode ops = Json.parse(body);
    if (!ops.isArray()) {
      throw PatchException.badRequest("json: cannot unmarshal " + Json.kind(ops) + " into Go value of type jsonpatch.Patch");
    }
    if (ops.size() > MAX_OPERATIONS) {
      throw new PatchException(413, "The allowed maximum operations in a JSON patch is "
          + MAX_OPERATIONS + ", got " + ops.size());
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
      long copied = 0;
      for (JsonNode op : ops) {
        ObjectNode resolved = resolve((ObjectNode) op, doc);
        if (resolved.path("op").asText().equals("copy")) {
          copied += Json.text(doc.at(resolved.path("from").asText())).getBytes(StandardCharsets.UTF_8).length;
          if (copied > MAX_COPY_BYTES) {
            throw PatchException.invalid("Unable to complete the copy, the accumulated size increase of copy is "
                + copied + ", exceeding the limit " + MAX_COPY_BYTES);
          }
        }
        JsonPatch.applyInPlace(Json.NODES.arrayNode().add(resolved), doc, FLAGS);
      }
      return Patches.asObject(doc);
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
   * The operation with its negative indices counted from the end of their arrays in {@code doc},
   * or refused where kube refuses it.
   */
  private static ObjectNode resolve(ObjectNode op, JsonNode doc) {
    String kind = op.path("op").asText();
    ObjectNode out = op;
    for (String field : new String[] {"path", "from"}) {
      JsonNode p = op.get(field);
      if (p == null || !p.isTextual() || field.equals("from") && !(kind.equals("move") || kind.equals("copy"))) {
        continue;
      }
      String path = p.textValue();
      if (path.isEmpty() && !kind.equals("test")) {
        throw PatchException.invalid(kind + " operation does not apply: doc is missing path: \"\"");
      }
      String resolved = resolvePath(path, doc, field.equals("path") && (kind.equals("add") || kind.equals("move")
          || kind.equals("copy")), field.equals("path") && (kind.equals("remove") || kind.equals("replace")));
      if (!resolved.equals(path)) {
        out = out == op ? op.deepCopy() : out;
        out.put(field, resolved);
      }
    }
    return out;
  }

  /**
   * {@code path} with each negative array index made the index it names in {@code doc}; an
   * {@code adding} operation's last index counts from the end of the array it grows.
   *
   * @param noEnd whether {@code -} may not end the path in an array (remove, replace)
   */
  private static String resolvePath(String path, JsonNode doc, boolean adding, boolean noEnd) {
    if (!path.startsWith("/") || !path.contains("/-")) {
      return path;
    }
    String[] tokens = path.substring(1).split("/", -1);
    JsonNode node = doc;
    boolean changed = false;
    for (int i = 0; i < tokens.length && node != null; i++) {
      String token = tokens[i];
      boolean last = i == tokens.length - 1;
      if (node.isArray()) {
        if (last && noEnd && token.equals("-")) {
          throw PatchException.invalid("Unable to access invalid index: -");
        }
        if (NEGATIVE.matcher(token).matches()) {
          int size = node.size() + (last && adding ? 1 : 0);
          long index = parseIndex(token);
          if (index < -size) {
            throw PatchException.invalid("Unable to access invalid index: " + token);
          }
          tokens[i] = Long.toString(index + size);
          changed = true;
        }
        node = last ? null : node.get(parseIndexOr(tokens[i]));
      } else {
        node = node.get(token.replace("~1", "/").replace("~0", "~"));
      }
    }
    return changed ? "/" + String.join("/", tokens) : path;
  }

  private static long parseIndex(String token) {
    try {
      return Long.parseLong(token);
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
    }
  }

  private static int parseIndexOr(String token) {
    try {
      return Integer.parseInt(token);
    } catch (NumberFormatException e) {
      return -1;
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
}
