package io.logplane.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code metadata.managedFields} entries decoded into field sets and encoded back in kube's
 * order. An entry is identified as kube's {@code BuildManagerIdentifier} does: manager,
 * operation, subresource, and the apiVersion for Update entries only (an applier keeps one
 * entry whatever version it applies with).
 */
final class ManagedFields {

  static final String APPLY = "Apply";
  static final String UPDATE = "Update";

  /** One manager's entry. time may be null. */
  record Entry(String manager, String operation, String apiVersion, String time, String subresource,
      FieldSet fields) {

    String id() {
      return manager + "\u0000" + operation + "\u0000" + (APPLY.equals(operation) ? "" : apiVersion)
          + "\u0000" + Objects.toString(subresource, "");
    }

    Entry withFields(FieldSet f) {
      return new Entry(manager, operation, apiVersion, time, subresource, f);
    }

    /** How kube names the manager in conflict messages. */
    String describe() {
      String name = Json.text(Json.NODES.textNode(manager));
      if (APPLY.equals(operation)) {
        return name;
      }
      String using = name + " using " + apiVersion;
      return subresource == null || subresource.isEmpty() ? using : using + " (subresource " + subresource + ")";
    }
  }

  private ManagedFields() {}

  /** The entries of an object keyed by id; empty when it has none. */
  static Map<String, Entry> decode(JsonNode managedFields) {
    Map<String, Entry> out = new LinkedHashMap<>();
    if (managedFields == null || !managedFields.isArray()) {
      return out;
    }
    for (JsonNode e : managedFields) {
      if (!e.isObject()) {
        throw new IllegalArgumentException("managedFields entries must be objects");
      }
      JsonNode type = e.get("fieldsType");
      if (type != null && !type.isNull() && !"FieldsV1".equals(type.asText())) {
        throw new IllegalArgumentException("unsupported fieldsType " + type.asText());
      }
      FieldSet fields = e.has("fieldsV1") ? FieldSet.fromFieldsV1(e.get("fieldsV1")) : new FieldSet();
      Entry entry = new Entry(text(e, "manager"), text(e, "operation"), text(e, "apiVersion"), text(e, "time"),
          text(e, "subresource"), fields);
      Entry prev = out.get(entry.id());
      out.put(entry.id(), prev == null ? entry : entry.withFields(prev.fields().union(fields)));
    }
    return out;
  }

  private static String text(JsonNode e, String field) {
    JsonNode v = e.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** Encodes non-empty entries sorted as kube sorts them: operation, time, manager, version. */
  static ArrayNode encode(Iterable<Entry> entries) {
    List<Entry> list = new ArrayList<>();
    entries.forEach(e -> {
      if (!e.fields().isEmpty()) {
        list.add(e);
      }
    });
    Comparator<String> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
    list.sort(Comparator.comparing(Entry::operation, nullsFirst)
        .thenComparing(e -> seconds(e.time()), nullsFirst)
        .thenComparing(Entry::manager, nullsFirst)
        .thenComparing(Entry::apiVersion, nullsFirst)
        .thenComparing(Entry::subresource, nullsFirst));
    ArrayNode out = Json.NODES.arrayNode();
    for (Entry e : list) {
      ObjectNode o = out.addObject();
      o.put("manager", e.manager());
      o.put("operation", e.operation());
      o.put("apiVersion", e.apiVersion());
      if (e.time() != null) {
        o.put("time", e.time());
      }
      o.put("fieldsType", "FieldsV1");
      o.set("fieldsV1", e.fields().toFieldsV1());
      if (e.subresource() != null && !e.subresource().isEmpty()) {
        o.put("subresource", e.subresource());
      }
    }
    return out;
  }

  /** Kube compares entry times at second precision. */
  private static String seconds(String time) {
    if (time == null) {
      return null;
    }
    return time.length() > 19 ? time.substring(0, 19) : time;
  }
}
