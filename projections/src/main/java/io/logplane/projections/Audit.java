package io.logplane.projections;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.events.Command;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What one record of the log did, for the audit trail: who, when, which verb on which object,
 * and the verdict. Every record gets one, accepted or not.
 *
 * @param offset    the record's offset (the resourceVersion it produced, when accepted)
 * @param time      the request time, epoch milliseconds
 * @param actor     the authenticated user
 * @param requestId the API request id (the Audit-Id the client saw)
 * @param verb      create, update, patch, apply, delete, deletecollection, or the record op
 * @param key       the object's storage key (empty for genesis)
 * @param accepted  the verdict
 * @param code      the HTTP status the request got (200/201 when accepted)
 * @param reason    the Status reason when rejected, else empty
 * @param message   the rejection message, else empty
 * @param changes   how many objects the record changed (cascades count)
 * @param subresource the subresource the request named ({@code status}, {@code scale}), else empty
 * @param annotations what admission noted for the request's audit event, in order
 */
public record Audit(long offset, long time, String actor, String requestId, String verb, String key,
    boolean accepted, int code, String reason, String message, int changes, String subresource,
    java.util.Map<String, String> annotations) {

  public Audit {
    subresource = subresource == null ? "" : subresource;
    annotations = annotations == null ? java.util.Map.of() : annotations;
  }

  public Audit(long offset, long time, String actor, String requestId, String verb, String key, boolean accepted,
      int code, String reason, String message, int changes, String subresource) {
    this(offset, time, actor, requestId, verb, key, accepted, code, reason, message, changes, subresource, null);
  }

  /** An entry of a request on the resource itself. */
  public Audit(long offset, long time, String actor, String requestId, String verb, String key, boolean accepted,
      int code, String reason, String message, int changes) {
    this(offset, time, actor, requestId, verb, key, accepted, code, reason, message, changes, "");
  }

  /** The audit entry of a record and its verdict. */
  public static Audit of(long offset, Command record, Outcome outcome) {
    Command.Meta m = record.meta();
    String verb = m.verb() != null ? m.verb() : op(record);
    String sub = m.subresource() != null ? m.subresource()
        : record instanceof Command.Update u && u.subresource() != null ? u.subresource() : "";
    String key = record instanceof Command.Create c ? c.key() : record instanceof Command.Update u ? u.key()
        : record instanceof Command.Delete d ? d.key() : record instanceof Command.Refused r ? r.key()
        : record instanceof Command.Read r ? r.key() : "";
    if (outcome instanceof Outcome.Accepted a) {
      if (record instanceof Command.Create && !a.changes().isEmpty()) {
        key = a.changes().get(a.changes().size() - 1).key();
      }
      int code = record instanceof Command.Create ? 201 : 200;
      return new Audit(offset, m.timeMillis(), m.actor(), m.requestId(), verb, key, true, code, "", "",
          a.changes().size(), sub, m.annotations());
    }
    Outcome.Rejected r = (Outcome.Rejected) outcome;
    int code = record instanceof Command.Refused f ? f.code() : r.reason().code;
    return new Audit(offset, m.timeMillis(), m.actor(), m.requestId(), verb, key, false, code, r.reason().status,
        r.message(), 0, sub, m.annotations());
  }

  private static String op(Command r) {
    return r instanceof Command.Create ? "create" : r instanceof Command.Update ? "update"
        : r instanceof Command.Delete ? "delete" : r instanceof Command.Refused ? "refused"
        : r instanceof Command.Read ? "get" : "genesis";
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("offset", offset).put("time", time).put("actor", actor).put("requestId", requestId).put("verb", verb)
        .put("key", key).put("accepted", accepted).put("code", code).put("reason", reason).put("message", message)
        .put("changes", changes);
    if (!subresource.isEmpty()) {
      o.put("subresource", subresource);
    }
    if (!annotations.isEmpty()) {
      ObjectNode a = o.putObject("annotations");
      annotations.forEach(a::put);
    }
    return o;
  }

  /** The bytes of {@link #toJson()}, written without building the tree (the store writes one per record). */
  public byte[] toJsonBytes() {
    try (ByteArrayBuilder out = new ByteArrayBuilder(256);
        JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("offset", offset);
      g.writeNumberField("time", time);
      g.writeStringField("actor", actor);
      g.writeStringField("requestId", requestId);
      g.writeStringField("verb", verb);
      g.writeStringField("key", key);
      g.writeBooleanField("accepted", accepted);
      g.writeNumberField("code", code);
      g.writeStringField("reason", reason);
      g.writeStringField("message", message);
      g.writeNumberField("changes", changes);
      if (!subresource.isEmpty()) {
        g.writeStringField("subresource", subresource);
      }
      if (!annotations.isEmpty()) {
        g.writeObjectFieldStart("annotations");
        for (var a : annotations.entrySet()) {
          g.writeStringField(a.getKey(), a.getValue());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
      g.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Audit fromJson(JsonNode o) {
    return new Audit(o.path("offset").asLong(), o.path("time").asLong(), o.path("actor").asText(),
        o.path("requestId").asText(), o.path("verb").asText(), o.path("key").asText(), o.path("accepted").asBoolean(),
        o.path("code").asInt(), o.path("reason").asText(), o.path("message").asText(), o.path("changes").asInt(),
        o.path("subresource").asText(""), annotations(o.path("annotations")));
  }

  private static java.util.Map<String, String> annotations(JsonNode o) {
    if (o.isEmpty()) {
      return java.util.Map.of();
    }
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }
}
