package io.logplane.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks objects by schema to build field sets (structured-merge-diff's {@code ToFieldSet} and
 * {@code Compare}) and to remove the items a set names ({@code RemoveItems}). A value is a leaf
 * when it is a scalar, an atomic list, or an atomic struct or map; objects and keyed or set
 * lists are walked into.
 */
final class FieldWalk {

  /** One child of a container value: its path element, value and schema. */
  record Child(String pe, JsonNode value, TypeSchema schema) {}

  /** What changed between two objects: paths added, with a changed leaf value, removed. */
  record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {
    FieldSet changed() {
      return added.union(modified);
    }
  }

  private static final java.util.Set<String> ALWAYS_PRESENT =
      java.util.Set.of("metadata", "spec", "status", "template", "strategy", "updateStrategy", "containers");

  private FieldWalk() {}

  static boolean isLeaf(JsonNode v, TypeSchema s) {
    if (v == null || v.isNull() || v.isValueNode()) {
      return true;
    }
    if (v.isArray()) {
      return s.listKind() == TypeSchema.ListKind.ATOMIC;
    }
    return s.atomic();
  }

  /** Children of a non-leaf value, in document order; later duplicates of a key are skipped. */
  static Map<String, Child> children(JsonNode v, TypeSchema s, boolean strict) {
    Map<String, Child> out = new LinkedHashMap<>();
    if (v == null || isLeaf(v, s)) {
      return out;
    }
    if (v.isObject()) {
      v.fields().forEachRemaining(e -> {
        String pe = FieldPaths.field(e.getKey());
        out.put(pe, new Child(pe, e.getValue(), s.field(e.getKey())));
      });
    } else {
      TypeSchema elem = s.element();
      for (int i = 0; i < v.size(); i++) {
        String pe = FieldPaths.item(v.get(i), i, s, strict);
        out.putIfAbsent(pe, new Child(pe, v.get(i), elem));
      }
    }
    return out;
  }

  /** The fields an applied configuration sets (ToFieldSet). */
  static FieldSet ofConfig(JsonNode config, TypeSchema s) {
    FieldSet out = new FieldSet();
    config(config, s, new ArrayList<>(), out);
    return out;
  }

  private static void config(JsonNode v, TypeSchema s, List<String> path, FieldSet out) {
    if (isLeaf(v, s)) {
      out.insert(path);
      return;
    }
    if (v.isObject() && v.isEmpty()) {
      out.insert(path);
    }
    for (Child c : children(v, s, true).values()) {
      path.add(c.pe());
      config(c.value(), c.schema(), path, out);
      // Items and free map keys are members in their own right; named struct fields only
      // through their leaves.
      if (!c.pe().startsWith("f:") || !s.named(c.pe().substring(2))) {
        out.insert(path);
      }
      path.remove(path.size() - 1);
    }
  }

  /** Compares two versions of an object (either may be null for absent). */
  static Comparison compare(JsonNode before, JsonNode after, TypeSchema s) {
    Comparison c = new Comparison(new FieldSet(), new FieldSet(), new FieldSet());
    if (before == null) {
      added(after, s, new ArrayList<>(), c.added());
    } else {
      compare(before, after, s, new ArrayList<>(), c);
    }
    return c;
  }

  /**
   * {@code compare(null, r, ...)} (every path of r is added), walked directly: a create tracks
   * the fields of the whole object, and this skips the child maps the general walk builds.
   */
  private static void added(JsonNode r, TypeSchema s, List<String> path, FieldSet out) {
    if (r == null || r.isNull()) {
      return;
    }
    if (isLeaf(r, s)) {
      out.insert(path);
      return;
    }
    if (r.isObject()) {
      for (var it = r.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        path.add(FieldPaths.field(e.getKey()));
        added(e.getValue(), s.field(e.getKey()), path, out);
        path.remove(path.size() - 1);
      }
    } else {
      TypeSchema elem = s.element();
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (int i = 0; i < r.size(); i++) {
        String pe = FieldPaths.item(r.get(i), i, s, false);
        if (seen.add(pe)) {
          path.add(pe);
          added(r.get(i), elem, path, out);
          path.remove(path.size() - 1);
        }
      }
    }
    String last = path.isEmpty() ? "" : path.get(path.size() - 1);
    if (!last.startsWith("f:") || r.isEmpty() || !ALWAYS_PRESENT.contains(last.substring(2))) {
      out.insert(path);
    }
  }

  private static void compare(JsonNode l, JsonNode r, TypeSchema s, List<String> path, Comparison c) {
    boolean lNull = l == null || l.isNull();
    boolean rNull = r == null || r.isNull();
    boolean leaf = isLeaf(lNull ? r : l, s) || isLeaf(rNull ? l : r, s)
        || (!lNull && !rNull && l.isArray() != r.isArray());
    if (leaf) {
      if (lNull && !rNull) {
        c.added().insert(path);
      } else if (rNull && !lNull) {
        c.removed().insert(path);
      } else if (!lNull && !deepSame(l, r)) {
        c.modified().insert(path);
      }
      return;
    }
    Map<String, Child> lc = children(l, s, false);
    Map<String, Child> rc = children(r, s, false);
    if (lc.isEmpty() || rc.isEmpty()) {
      // One side is absent (a create, a removal): its children are the other side's alone.
      for (Child ch : (lc.isEmpty() ? rc : lc).values()) {
        path.add(ch.pe());
        compare(lc.isEmpty() ? null : ch.value(), lc.isEmpty() ? ch.value() : null, ch.schema(), path, c);
        path.remove(path.size() - 1);
      }
    } else {
      Map<String, TypeSchema> all = new LinkedHashMap<>();
      lc.values().forEach(ch -> all.put(ch.pe(), ch.schema()));
      rc.values().forEach(ch -> all.putIfAbsent(ch.pe(), ch.schema()));
      all.forEach((pe, cs) -> {
        path.add(pe);
        Child a = lc.get(pe);
        Child b = rc.get(pe);
        compare(a == null ? null : a.value(), b == null ? null : b.value(), cs, path, c);
        path.remove(path.size() - 1);
      });
    }
    String last = path.isEmpty() ? "" : path.get(path.size() - 1);
    // Kube compares against Go's zero value, where value structs and the few lists without
    // omitempty already exist; a newly added one of those gets no "." entry, anything else does.
    if (lNull && (!last.startsWith("f:") || r.isEmpty() || !ALWAYS_PRESENT.contains(last.substring(2)))) {
      c.added().insert(path);
    } else if (rNull) {
      c.removed().insert(path);
    }
  }

  static boolean deepSame(JsonNode a, JsonNode b) {
    return a.equals((x, y) -> Json.same(x, y) ? 0 : 1, b);
  }

  /** The set plus every named struct field on its paths (SMD's EnsureNamedFieldsAreMembers). */
  static FieldSet ensureNamedFieldsAreMembers(FieldSet set, TypeSchema s) {
    FieldSet out = new FieldSet();
    ensure(set, s, new ArrayList<>(), out);
    return out;
  }

  private static void ensure(FieldSet set, TypeSchema s, List<String> path, FieldSet out) {
    set.children().forEach((pe, node) -> {
      path.add(pe);
      boolean field = pe.startsWith("f:");
      if (node.member() || (field && s.named(pe.substring(2)))) {
        out.insert(path);
      }
      ensure(node, field ? s.field(pe.substring(2)) : s.element(), path, out);
      path.remove(path.size() - 1);
    });
  }

  /** Removes from v (in place) every item or field the set names as a member. */
  static void removeItems(JsonNode v, FieldSet set, TypeSchema s) {
    if (v == null || isLeaf(v, s) || set.children().isEmpty()) {
      return;
    }
    Map<String, Child> kids = children(v, s, false);
    List<Integer> dropItems = new ArrayList<>();
    for (Child c : kids.values()) {
      FieldSet node = set.child(c.pe());
      if (node != null && node.member()) {
        if (v.isObject()) {
          ((ObjectNode) v).remove(c.pe().substring(2));
        } else {
          dropItems.add(indexOf((ArrayNode) v, c.value()));
        }
      } else if (node != null) {
        removeItems(c.value(), node, c.schema());
      }
    }
    dropItems.sort(java.util.Comparator.reverseOrder());
    dropItems.forEach(i -> ((ArrayNode) v).remove(i));
  }

  private static int indexOf(ArrayNode a, JsonNode item) {
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) == item) {
        return i;
      }
    }
    throw new IllegalStateException("item vanished while pruning");
  }
}
