package io.logplane.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.patch.ManagedFields.Entry;
import io.logplane.api.resources.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bookkeeping both apply and plain writes share (structured-merge-diff's
 * {@code Updater.update} plus kube's stripMeta and reset-field filters): which fields a write
 * changed, who loses them, and which paths never count as owned.
 */
final class Ownership {

  // Fields kube never records (its stripMetaManager).
  private static final FieldSet STRIPPED = FieldSet.of(
      List.of("f:apiVersion"), List.of("f:kind"), List.of("f:metadata"),
      List.of("f:metadata", "f:name"), List.of("f:metadata", "f:namespace"),
      List.of("f:metadata", "f:creationTimestamp"), List.of("f:metadata", "f:selfLink"),
      List.of("f:metadata", "f:uid"), List.of("f:metadata", "f:clusterName"),
      List.of("f:metadata", "f:generation"), List.of("f:metadata", "f:managedFields"),
      List.of("f:metadata", "f:resourceVersion"));
  private static final FieldSet STATUS = FieldSet.of(List.of("f:status"));

  private Ownership() {}

  /**
   * What a manager may own through this endpoint: never the stripped metadata; through the main
   * resource nothing under status when the kind has a status subresource, through /status only
   * status (kube's reset fields, simplified).
   */
  static FieldSet filter(FieldSet s, ResourceType resource, String subresource) {
    FieldSet out = s.difference(STRIPPED).recursiveDifference(FieldSet.of(List.of("f:metadata", "f:managedFields")));
    if ("status".equals(subresource)) {
      FieldSet status = out.child("f:status");
      FieldSet only = new FieldSet();
      return status == null ? only : only.union(wrap("f:status", status));
    }
    if (subresource == null && resource != null && resource.subresources().contains("status")) {
      return out.recursiveDifference(STATUS);
    }
    return out;
  }

  private static FieldSet wrap(String pe, FieldSet inner) {
    FieldSet out = new FieldSet();
    for (List<String> p : inner.paths()) {
      List<String> full = new ArrayList<>();
      full.add(pe);
      full.addAll(p);
      out.insert(full);
    }
    if (inner.member()) {
      out.insert(List.of(pe));
    }
    return out;
  }

  /** A copy of an object without metadata.managedFields (null stays null). */
  static ObjectNode withoutManagedFields(ObjectNode o) {
    if (o == null) {
      return null;
    }
    ObjectNode c = o.deepCopy();
    JsonNode meta = c.get("metadata");
    if (meta instanceof ObjectNode m) {
      m.remove("managedFields");
    }
    return c;
  }

  /**
   * Takes the changed fields from every manager but {@code self} and drops removed fields
   * everywhere (SMD {@code update}); returns the conflicts it took, by manager id. Managers left
   * with nothing are dropped.
   */
  static Map<String, FieldSet> takeChanged(Map<String, Entry> managers, String self, FieldWalk.Comparison c) {
    FieldSet changed = c.changed();
    Map<String, FieldSet> conflicts = new TreeMap<>();
    for (Entry e : List.copyOf(managers.values())) {
      if (e.id().equals(self)) {
        continue;
      }
      FieldSet conflict = e.fields().intersection(changed);
      if (!conflict.isEmpty()) {
        conflicts.put(e.id(), conflict);
      }
      FieldSet left = e.fields().difference(changed).difference(c.removed());
      if (left.isEmpty()) {
        managers.remove(e.id());
      } else {
        managers.put(e.id(), e.withFields(left));
      }
    }
    return conflicts;
  }

  /** Writes the entries into the object's metadata, or removes managedFields when none remain. */
  static ObjectNode store(ObjectNode obj, Iterable<Entry> entries) {
    ObjectNode meta = obj.has("metadata") && obj.get("metadata").isObject()
        ? (ObjectNode) obj.get("metadata") : obj.putObject("metadata");
    var encoded = ManagedFields.encode(entries);
    if (encoded.isEmpty()) {
      meta.remove("managedFields");
    } else {
      meta.set("managedFields", encoded);
    }
    return obj;
  }
}
