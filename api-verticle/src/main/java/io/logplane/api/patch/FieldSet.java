package io.logplane.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of field paths as structured-merge-diff keeps it: a tree whose edges are path elements
 * in kube's FieldsV1 spelling ({@code f:name}, {@code k:{"name":"web"}}, {@code v:"a"},
 * {@code i:0}) and whose nodes say whether their own path is a member. Operations return sets
 * that are never changed afterwards (possibly one of their operands, unchanged); {@link #insert}
 * is the only mutation and is used while building. No built set holds an empty subtree.
 */
final class FieldSet {

  /** Kube's serialization order: "." first, then fields, keys, values, indexes. */
  static final Comparator<String> ORDER = (a, b) -> {
    int r = rank(a) - rank(b);
    return r != 0 ? r : a.compareTo(b);
  };

  /** Null while there are none: most nodes are leaves, and a map each was most of a set's cost. */
  private TreeMap<String, FieldSet> children;
  private boolean member;

  private Map<String, FieldSet> kids() {
    return children == null ? Map.of() : children;
  }

  private TreeMap<String, FieldSet> mutable() {
    if (children == null) {
      children = new TreeMap<>(ORDER);
    }
    return children;
  }

  private static int rank(String pe) {
    return switch (pe.charAt(0)) {
      case 'f' -> 0;
      case 'k' -> 1;
      case 'v' -> 2;
      default -> 3;
    };
  }

  static FieldSet of(List<String>... paths) {
    FieldSet s = new FieldSet();
    for (List<String> p : paths) {
      s.insert(p);
    }
    return s;
  }

  void insert(List<String> path) {
    if (path.isEmpty()) {
      return;
    }
    FieldSet n = this;
    for (String pe : path) {
      n = n.mutable().computeIfAbsent(pe, k -> new FieldSet());
    }
    n.member = true;
  }

  /** The subtree under one path element, or null. */
  FieldSet child(String pe) {
    return kids().get(pe);
  }

  boolean member() {
    return member;
  }

  Map<String, FieldSet> children() {
    return kids();
  }

  boolean isEmpty() {
    if (member) {
      return false;
    }
    for (FieldSet c : kids().values()) {
      if (!c.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  FieldSet copy() {
    return union(new FieldSet());
  }

  FieldSet union(FieldSet o) {
    if (o.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return o;
    }
    FieldSet r = new FieldSet();
    r.member = member || o.member;
    kids().forEach((k, v) -> {
      FieldSet ov = o.kids().get(k);
      r.mutable().put(k, ov == null ? v.copy() : v.union(ov));
    });
    o.kids().forEach((k, v) -> r.mutable().putIfAbsent(k, v.copy()));
    return r.pruned();
  }

  /** Members of this set that are not members of o (children are compared member by member). */
  FieldSet difference(FieldSet o) {
    if (o.isEmpty()) {
      return this;
    }
    FieldSet r = new FieldSet();
    r.member = member && !o.member;
    kids().forEach((k, v) -> {
      FieldSet ov = o.kids().get(k);
      r.mutable().put(k, ov == null ? v.copy() : v.difference(ov));
    });
    return r.pruned();
  }

  FieldSet intersection(FieldSet o) {
    FieldSet r = new FieldSet();
    r.member = member && o.member;
    kids().forEach((k, v) -> {
      FieldSet ov = o.kids().get(k);
      if (ov != null) {
        r.mutable().put(k, v.intersection(ov));
      }
    });
    return r.pruned();
  }

  /** This set without every path that is, or lies under, a member of o. */
  FieldSet recursiveDifference(FieldSet o) {
    FieldSet r = new FieldSet();
    r.member = member;
    kids().forEach((k, v) -> {
      FieldSet ov = o.kids().get(k);
      if (ov == null) {
        r.mutable().put(k, v.copy());
      } else if (!ov.member) {
        r.mutable().put(k, v.recursiveDifference(ov));
      }
    });
    return r.pruned();
  }

  /** Drops empty children; they were built by an operation, so their own children are pruned. */
  private FieldSet pruned() {
    if (children != null) {
      children.values().removeIf(c -> !c.member && c.kids().isEmpty());
      if (children.isEmpty()) {
        children = null;
      }
    }
    return this;
  }

  /** Every member path, in kube's order. */
  List<List<String>> paths() {
    List<List<String>> out = new ArrayList<>();
    collect(new ArrayList<>(), out);
    return out;
  }

  private void collect(List<String> prefix, List<List<String>> out) {
    if (member && !prefix.isEmpty()) {
      out.add(List.copyOf(prefix));
    }
    kids().forEach((k, v) -> {
      prefix.add(k);
      v.collect(prefix, out);
      prefix.remove(prefix.size() - 1);
    });
  }

  /** The FieldsV1 JSON of this set. */
  ObjectNode toFieldsV1() {
    ObjectNode o = Json.object();
    if (member && !kids().isEmpty()) {
      o.set(".", Json.object());
    }
    kids().forEach((k, v) -> {
      if (!v.isEmpty()) {
        o.set(k, v.toFieldsV1());
      }
    });
    return o;
  }

  /** Parses FieldsV1 JSON; IllegalArgumentException when it is not that format. */
  static FieldSet fromFieldsV1(JsonNode json) {
    FieldSet root = new FieldSet();
    root.read(json);
    root.member = false;
    return root.pruned();
  }

  private void read(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("FieldsV1 entries must be objects");
    }
    if (json.isEmpty()) {
      member = true;
    }
    json.fields().forEachRemaining(e -> {
      if (e.getKey().equals(".")) {
        member = true;
      } else if (e.getKey().length() < 2 || "fkvi".indexOf(e.getKey().charAt(0)) < 0 || e.getKey().charAt(1) != ':') {
        throw new IllegalArgumentException("unknown FieldsV1 path element " + e.getKey());
      } else {
        mutable().computeIfAbsent(e.getKey(), k -> new FieldSet()).read(e.getValue());
      }
    });
  }

  @Override
  public String toString() {
    return Json.text(toFieldsV1());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSet f && toFieldsV1().equals(f.toFieldsV1());
  }

  @Override
  public int hashCode() {
    return toFieldsV1().hashCode();
  }
}
