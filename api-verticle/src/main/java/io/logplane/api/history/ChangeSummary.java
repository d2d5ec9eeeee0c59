package io.logplane.api.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;
import io.logplane.projections.Json;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The change one version made: the RFC 6902 patch from the version before, and a one-line
 * summary of it for tables ({@code spec.replicas: 3 → 5}, {@code +data.k2}, {@code -data.k1}).
 * The patch uses add, remove and replace only (no move or copy), which reads best.
 */
public final class ChangeSummary {

  /** Bookkeeping every write changes; left out of summaries (the patch keeps them). */
  private static final Set<String> NOISE = Set.of("/metadata/resourceVersion", "/metadata/managedFields",
      "/metadata/generation");
  private static final String LAST_APPLIED_NAME = "kubectl.kubernetes.io/last-applied-configuration";
  private static final String LAST_APPLIED = "/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration";
  private static final int MAX_TERMS = 3;
  private static final int MAX_VALUE = 24;

  private ChangeSummary() {}

  /** The patch that turns before (null = {@code {}}) into after. */
  public static ArrayNode patch(JsonNode before, JsonNode after) {
    EnumSet<DiffFlags> flags = DiffFlags.dontNormalizeOpIntoMoveAndCopy();
    flags.add(DiffFlags.OMIT_VALUE_ON_REMOVE);
    JsonNode from = before == null ? Json.MAPPER.createObjectNode() : before;
    return (ArrayNode) JsonDiff.asJson(from, after, flags);
  }

  /**
   * A short text for a patch of a MODIFIED version; before is the previous version. The
   * changes a user made come first; kubectl's {@code last-applied-configuration} annotation,
   * a copy of the whole object that every {@code kubectl apply} rewrites, comes last in a word.
   */
  public static String of(ArrayNode patch, JsonNode before) {
    List<String> parts = new ArrayList<>();
    int skipped = 0;
    String lastApplied = null;
    for (JsonNode op : patch) {
      String path = op.path("path").asText();
      if (NOISE.stream().anyMatch(n -> path.equals(n) || path.startsWith(n + "/"))) {
        continue;
      }
      if (path.equals(LAST_APPLIED) || path.equals("/metadata/annotations") && lastAppliedOnly(op)) {
        lastApplied = switch (op.path("op").asText()) {
          case "add" -> "+last-applied-configuration";
          case "remove" -> "-last-applied-configuration";
          default -> "last-applied-configuration updated";
        };
        continue;
      }
      if (parts.size() == MAX_TERMS) {
        skipped++;
        continue;
      }
      String dotted = dotted(path);
      parts.add(switch (op.path("op").asText()) {
        case "add" -> "+" + dotted;
        case "remove" -> "-" + dotted;
        case "replace" -> dotted + ": " + value(before == null ? null : before.at(path)) + " → "
            + value(op.get("value"));
        default -> op.path("op").asText() + " " + dotted;
      });
    }
    String changes = String.join(", ", parts) + (skipped > 0 ? " (+" + skipped + " more)" : "");
    if (lastApplied != null) {
      return changes.isEmpty() ? lastApplied : changes + "; " + lastApplied;
    }
    return changes.isEmpty() ? "(metadata only)" : changes;
  }

  /** An add or remove of the whole annotations map that holds only the last-applied annotation. */
  private static boolean lastAppliedOnly(JsonNode op) {
    JsonNode v = op.get("value");
    return v != null && v.size() == 1 && v.has(LAST_APPLIED_NAME);
  }

  /** A JSON pointer as a dotted path: {@code /spec/containers/0/image} → {@code spec.containers[0].image}. */
  public static String dotted(String pointer) {
    StringBuilder b = new StringBuilder();
    for (String token : pointer.substring(pointer.startsWith("/") ? 1 : 0).split("/", -1)) {
      String t = token.replace("~1", "/").replace("~0", "~");
      if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
        b.append('[').append(t).append(']');
      } else {
        b.append(b.length() == 0 ? "" : ".").append(t);
      }
    }
    return b.toString();
  }

  private static String value(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "∅";
    }
    if (v.isObject()) {
      return "{…}";
    }
    if (v.isArray()) {
      return "[…]";
    }
    String s = v.isTextual() ? v.asText() : v.toString();
    return s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE - 1) + "…" : s;
  }

  /**
   * The summary of a refused attempt: its reason and its whole message (a table shows all of
   * it; a cut message loses the field that was wrong, which comes last).
   */
  public static String rejected(String reason, String message) {
    String m = message == null ? "" : message;
    return m.isEmpty() ? reason : reason + ": " + m;
  }
}
