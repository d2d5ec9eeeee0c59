package io.logplane.api.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.admission.Redaction;
import io.logplane.api.resources.ResourceType;
import io.logplane.projections.Audit;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one object's history into {@code Version} items, oldest first. Each accepted version
 * carries the patch from the accepted version before it (from {@code {}} for ADDED, so a
 * re-created object starts over); a refused attempt carries its outcome and no object.
 * Objects are redacted before they are diffed, so a Secret's patch shows only that its sealed
 * fingerprint changed.
 */
public final class VersionItems {

  /** The served type of a storage group and resource, or null when none serves it now. */
  @FunctionalInterface
  public interface Types {
    ResourceType find(String storageGroup, String resource);
  }

  private VersionItems() {}

  /** The items of key's history, in the history's order. */
  public static List<ObjectNode> of(String key, List<Store.Version> history, Types types) {
    Key k = Key.parse(key);
    List<ObjectNode> out = new ArrayList<>(history.size());
    ObjectNode previous = null;
    for (Store.Version v : history) {
      ObjectNode item = header(k, v);
      if (v.event() != null) {
        ObjectNode object = Redaction.redact(v.event().object());
        String type = v.event().type().name();
        ArrayNode patch = ChangeSummary.patch(type.equals("ADDED") ? null : previous, object);
        target(item, k, object, types);
        item.put("type", type);
        item.put("summary", switch (type) {
          case "ADDED" -> "created";
          case "DELETED" -> "deleted";
          default -> ChangeSummary.of(patch, previous);
        });
        outcome(item, v.audit(), 200);
        item.set("patch", patch);
        item.set("object", object);
        previous = type.equals("DELETED") ? null : object;
      } else {
        target(item, k, previous, types);
        item.put("type", "REJECTED");
        Audit a = v.audit();
        item.put("summary", ChangeSummary.rejected(a == null ? "" : a.reason(), a == null ? "" : a.message()));
        outcome(item, a, 0);
      }
      out.add(item);
    }
    return out;
  }

  private static ObjectNode header(Key k, Store.Version v) {
    ObjectNode item = Json.MAPPER.createObjectNode();
    item.put("kind", HistoryTypes.VERSIONS.kind()).put("apiVersion", HistoryTypes.API_VERSION);
    ObjectNode meta = item.putObject("metadata");
    meta.put("name", VersionName.of(k.resource(), k.group(), k.name(), v.offset()));
    if (!k.namespace().isEmpty()) {
      meta.put("namespace", k.namespace());
    }
    meta.put("resourceVersion", Long.toString(v.offset()));
    Audit a = v.audit();
    meta.put("creationTimestamp", Times.seconds(a == null ? 0 : a.time()));
    item.put("resourceVersion", Long.toString(v.offset()));
    item.put("time", Times.millis(a == null ? 0 : a.time()));
    item.put("actor", a == null ? "" : a.actor());
    item.put("verb", a == null ? "" : a.verb());
    item.put("requestId", a == null ? "" : a.requestId());
    return item;
  }

  private static void target(ObjectNode item, Key k, JsonNode object, Types types) {
    ObjectNode t = item.putObject("target");
    ResourceType type = types.find(k.group(), k.resource());
    String apiVersion = object != null && object.hasNonNull("apiVersion") ? object.get("apiVersion").asText()
        : type != null ? type.apiVersion() : "";
    String kind = object != null && object.hasNonNull("kind") ? object.get("kind").asText()
        : type != null ? type.kind() : "";
    t.put("apiVersion", apiVersion).put("kind", kind).put("group", k.group().equals("core") ? "" : k.group())
        .put("resource", k.resource());
    if (!k.namespace().isEmpty()) {
      t.put("namespace", k.namespace());
    }
    t.put("name", k.name());
    String uid = object == null ? "" : object.path("metadata").path("uid").asText("");
    if (!uid.isEmpty()) {
      t.put("uid", uid);
    }
  }

  private static void outcome(ObjectNode item, Audit a, int acceptedCode) {
    ObjectNode o = item.putObject("outcome");
    o.put("code", a != null ? a.code() : acceptedCode);
    if (a != null && !a.accepted()) {
      o.put("reason", a.reason()).put("message", a.message());
    }
  }
}
