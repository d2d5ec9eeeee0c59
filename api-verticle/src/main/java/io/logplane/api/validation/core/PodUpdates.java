package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.TreeSet;

/** The comparisons behind a Pod's update rules: equality, the munged spec, a short diff. */
final class PodUpdates {

  private PodUpdates() {}

  /** Equal JSON, numbers by value (30 and 30.0 alike). */
  static boolean equal(JsonNode a, JsonNode b) {
    return a.equals((x, y) -> x.isNumber() && y.isNumber()
        ? x.decimalValue().compareTo(y.decimalValue()) : x.equals(y) ? 0 : 1, b);
  }

  /** Every old toleration is still there (its tolerationSeconds may change). */
  static boolean onlyAddedTolerations(JsonNode now, JsonNode old) {
    for (JsonNode o : old) {
      boolean found = false;
      for (JsonNode n : now) {
        ObjectNode clone = ((ObjectNode) o).deepCopy();
        clone.remove("tolerationSeconds");
        ObjectNode other = ((ObjectNode) n).deepCopy();
        other.remove("tolerationSeconds");
        found |= equal(clone, other);
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /** The new spec with what may change set back to the old values. */
  static ObjectNode munge(JsonNode spec, JsonNode old) {
    ObjectNode m = ((ObjectNode) spec).deepCopy();
    for (String list : new String[] {"containers", "initContainers"}) {
      JsonNode cs = m.path(list);
      for (int i = 0; i < cs.size(); i++) {
        ((ObjectNode) cs.get(i)).set("image", old.path(list).get(i).get("image"));
      }
    }
    for (String f : new String[] {"activeDeadlineSeconds", "tolerations", "schedulingGates"}) {
      m.remove(f);
      if (old.has(f)) {
        m.set(f, old.get(f));
      }
    }
    JsonNode oldGrace = old.path("terminationGracePeriodSeconds");
    if (oldGrace.isNumber() && oldGrace.asLong() < 0 && m.path("terminationGracePeriodSeconds").asLong(0) == 1) {
      m.set("terminationGracePeriodSeconds", oldGrace);
    }
    return m;
  }

  /** The top-level spec fields that differ, old and new, as a short list. */
  static String diff(JsonNode old, JsonNode now) {
    TreeSet<String> names = new TreeSet<>();
    old.fieldNames().forEachRemaining(names::add);
    now.fieldNames().forEachRemaining(names::add);
    StringBuilder b = new StringBuilder("  core.PodSpec{\n");
    for (String n : names) {
      if (!equal(old.path(n), now.path(n))) {
        b.append("- \t").append(n).append(": ").append(shorten(old.path(n))).append(",\n");
        b.append("+ \t").append(n).append(": ").append(shorten(now.path(n))).append(",\n");
      }
    }
    return b.append("  }\n").toString();
  }

  private static String shorten(JsonNode n) {
    String s = n.isMissingNode() ? "nil" : n.toString();
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
