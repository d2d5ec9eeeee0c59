package io.logplane.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The wire format of {@link Command}s: one JSON object per record, UTF-8.
 *
 * <pre>
 * {"op":"genesis","actor":..,"rid":..,"time":&lt;epoch ms&gt;,"clusterId":".."}
 * {"op":"create","actor":..,"rid":..,"time":..,"key":"core/pods/default/web","object":{...}}
 * {"op":"update","actor":..,"rid":..,"time":..,"key":..,"expected":&lt;long&gt;,"sub":"","object":{...}}
 * {"op":"delete","actor":..,"rid":..,"time":..,"key":..,"expected":&lt;long&gt;,"uid":..,"propagation":..,"grace":..}
 * {"op":"refused","actor":..,"rid":..,"time":..,"key":..,"code":422,"reason":"Invalid","message":".."}
 * </pre>
 *
 * <p>Every record may carry {@code "verb"} (the API verb) after {@code "time"}, and after it
 * {@code "subresource"} (the subresource of the request's URL), then {@code "annotations"} (an
 * object of strings: what admission noted for the request's audit event), when there are any.
 *
 * <p>A delete's {@code "grace"} is its gracePeriodSeconds, or null when the request gave none.
 * Deletes written before graceful deletion carry no {@code "grace"}: they removed their object
 * at once, and decode with a grace period of 0 so that they still do.
 *
 * <p>The format is stable: the log keeps records forever and golden files are written in it.
 * Thread-safe; the object node is streamed as it is (never copied) on encode and handed over
 * as parsed on decode.
 */
public final class Codec {

  // One mapper for the process: ObjectMapper is thread-safe once configured, and sharing it
  // shares its caches.
  private static final ObjectMapper MAPPER = JsonMapper.builder().nodeFactory(CompactNodes.INSTANCE).build();

  private Codec() {}

  /** Encodes a record; the object nodes are written in their current field order. */
  public static byte[] encode(Command record) {
    try (ByteArrayBuilder out = new ByteArrayBuilder(512);
        JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("op", op(record));
      Command.Meta meta = record.meta();
      g.writeStringField("actor", meta.actor());
      g.writeStringField("rid", meta.requestId());
      g.writeNumberField("time", meta.timeMillis());
      if (meta.verb() != null) {
        g.writeStringField("verb", meta.verb());
      }
      if (meta.subresource() != null && !meta.subresource().isEmpty()) {
        g.writeStringField("subresource", meta.subresource());
      }
      if (!meta.annotations().isEmpty()) {
        g.writeObjectFieldStart("annotations");
        for (var a : meta.annotations().entrySet()) {
          g.writeStringField(a.getKey(), a.getValue());
        }
        g.writeEndObject();
      }
      if (record instanceof Command.Genesis r) {
        g.writeStringField("clusterId", r.clusterId());
        if (r.serviceCidr() != null) {
          g.writeStringField("serviceCidr", r.serviceCidr());
        }
        if (r.clusterCidr() != null) {
          g.writeStringField("clusterCidr", r.clusterCidr());
          g.writeNumberField("nodeCidrMaskSize", r.nodeCidrMaskSize());
        }
      } else if (record instanceof Command.Create r) {
        g.writeStringField("key", r.key());
        writeObject(g, r.object());
      } else if (record instanceof Command.Update r) {
        g.writeStringField("key", r.key());
        g.writeNumberField("expected", r.expectedVersion());
        g.writeStringField("sub", r.subresource() == null ? "" : r.subresource());
        writeObject(g, r.object());
      } else if (record instanceof Command.Read r) {
        g.writeStringField("key", r.key());
        g.writeNumberField("at", r.atVersion());
      } else if (record instanceof Command.Refused r) {
        g.writeStringField("key", r.key());
        g.writeNumberField("code", r.code());
        g.writeStringField("reason", r.reason());
        g.writeStringField("message", r.message());
      } else if (record instanceof Command.Delete r) {
        g.writeStringField("key", r.key());
        g.writeNumberField("expected", r.expectedVersion());
        g.writeStringField("uid", r.expectedUid());
        g.writeStringField("propagation", r.propagation());
        if (r.gracePeriodSeconds() == null) {
          g.writeNullField("grace");
        } else {
          g.writeNumberField("grace", r.gracePeriodSeconds());
        }
      }
      g.writeEndObject();
      g.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + record.getClass().getSimpleName(), e);
    }
  }

  /**
   * Decodes a record.
   *
   * @throws IllegalArgumentException when the bytes are not a record of this format
   */
  public static Command decode(byte[] bytes) {
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("record is not JSON: " + e.getMessage(), e);
    }
    if (!(root instanceof ObjectNode o)) {
      throw new IllegalArgumentException("record is not a JSON object");
    }
    String op = text(o, "op");
    if (op != null && !OPS.contains(op)) {
      throw new UnknownOp(op); // before the fields: a newer op may have others
    }
    java.util.Map<String, String> annotations = new java.util.LinkedHashMap<>();
    o.path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
    Command.Meta meta = new Command.Meta(text(o, "actor"), text(o, "rid"), number(o, "time"), text(o, "verb"),
        text(o, "subresource"), annotations);
    return switch (op == null ? "" : op) {
      case "genesis" -> new Command.Genesis(meta, text(o, "clusterId"), text(o, "serviceCidr"),
          text(o, "clusterCidr"), o.has("nodeCidrMaskSize") ? (int) number(o, "nodeCidrMaskSize") : 0);
      case "create" -> new Command.Create(meta, key(o), object(o));
      case "update" -> new Command.Update(meta, key(o), number(o, "expected"), sub(o), object(o));
      case "delete" ->
          new Command.Delete(meta, key(o), number(o, "expected"), text(o, "uid"), text(o, "propagation"), grace(o));
      case "refused" ->
          new Command.Refused(meta, key(o), (int) number(o, "code"), text(o, "reason"), text(o, "message"));
      case "read" -> new Command.Read(meta, key(o), number(o, "at"));
      default -> throw new IllegalArgumentException(op == null ? "record has no op" : "unknown record op: " + op);
    };
  }

  /**
   * Decodes the record at {@code offset} of the log for a projection to apply. Bytes that are no
   * record of any version (not JSON, not an object, no op, a field of the wrong type: written to
   * the topic by something other than Logplane, or damaged) become a {@link Command.Refused}: its
   * rejection is recorded and the projection goes on, every replica deciding it alike. A record
   * with an op this version does not know was written by a newer one: applying past it would
   * leave this replica's state behind the others', so that is an {@link UnknownFormatException}.
   */
  public static Command decodeAt(byte[] bytes, long offset) {
    try {
      return decode(bytes);
    } catch (UnknownOp e) {
      throw new UnknownFormatException("the record at offset " + offset + " has the op \"" + e.op + "\", which this"
          + " version of Logplane does not know: a newer one wrote it; upgrade this server to read the log");
    } catch (IllegalArgumentException e) {
      return new Command.Refused(new Command.Meta(null, null, 0), "", 400, "BadRequest",
          "the record at offset " + offset + " is not a Logplane record (" + e.getMessage() + "); nothing was applied");
    }
  }

  /** A record of an op this version does not know: a newer one's, not damage. */
  private static final class UnknownOp extends IllegalArgumentException {
    final String op;

    UnknownOp(String op) {
      super("unknown record op: " + op, null);
      this.op = op;
    }
  }

  private static final java.util.Set<String> OPS = java.util.Set.of("genesis", "create", "update", "delete", "refused",
      "read");

  /**
   * What {@link #decode} gives for {@code bytes}, the encoding of {@code record}, without
   * parsing them: the record with a copy of its object whose numbers have the node types a parse
   * gives (an int-sized long becomes an int node, and so on). Values of other node types (never
   * made by parsing) are encoded and parsed one by one.
   */
  public static Command canonical(Command record, byte[] bytes) {
    if (record instanceof Command.Create r && r.object() != null) {
      return new Command.Create(r.meta(), r.key(), (ObjectNode) canonical(r.object()));
    } else if (record instanceof Command.Update r && r.object() != null) {
      return new Command.Update(r.meta(), r.key(), r.expectedVersion(),
          r.subresource() == null ? "" : r.subresource(), (ObjectNode) canonical(r.object()));
    }
    return decode(bytes);
  }

  private static JsonNode canonical(JsonNode n) {
    if (n instanceof ObjectNode o) {
      ObjectNode copy = MAPPER.getNodeFactory().objectNode();
      for (var it = o.fields(); it.hasNext(); ) {
        var e = it.next();
        copy.set(e.getKey(), canonical(e.getValue()));
      }
      return copy;
    } else if (n instanceof ArrayNode a) {
      ArrayNode copy = MAPPER.getNodeFactory().arrayNode(a.size());
      for (JsonNode item : a) {
        copy.add(canonical(item));
      }
      return copy;
    } else if (n instanceof TextNode || n instanceof BooleanNode || n instanceof NullNode || n instanceof IntNode) {
      return n;
    } else if (n instanceof LongNode l) {
      return l.canConvertToInt() ? IntNode.valueOf(l.intValue()) : l;
    } else if (n instanceof DoubleNode d && Double.isFinite(d.doubleValue())) {
      return d;
    }
    try {
      return MAPPER.readTree(MAPPER.writeValueAsBytes(n));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The op name of a record; also used by the log to name records in errors. */
  static String op(Command record) {
    if (record instanceof Command.Genesis) {
      return "genesis";
    } else if (record instanceof Command.Create) {
      return "create";
    } else if (record instanceof Command.Update) {
      return "update";
    } else if (record instanceof Command.Delete) {
      return "delete";
    } else if (record instanceof Command.Refused) {
      return "refused";
    } else if (record instanceof Command.Read) {
      return "read";
    }
    throw new IllegalArgumentException("unknown record type " + record.getClass());
  }

  private static void writeObject(JsonGenerator g, ObjectNode object) throws IOException {
    g.writeFieldName("object");
    if (object == null) {
      g.writeNull();
    } else {
      // Serializes the tree in place: no intermediate copy of the object.
      MAPPER.writeTree(g, object);
    }
  }

  private static String text(ObjectNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw new IllegalArgumentException("record field " + field + " is not a string: " + n);
    }
    return n.textValue();
  }

  private static long number(ObjectNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new IllegalArgumentException("record field " + field + " is not an integer: " + n);
    }
    return n.longValue();
  }

  /** A delete's grace period: 0 for a record written before it had one, which deleted at once. */
  private static Long grace(ObjectNode o) {
    JsonNode n = o.get("grace");
    if (n == null) {
      return 0L;
    }
    return n.isNull() ? null : number(o, "grace");
  }

  private static String key(ObjectNode o) {
    String key = text(o, "key");
    if (key == null) {
      throw new IllegalArgumentException("record has no key");
    }
    return key;
  }

  private static String sub(ObjectNode o) {
    String sub = text(o, "sub");
    return sub == null ? "" : sub;
  }

  private static ObjectNode object(ObjectNode o) {
    JsonNode n = o.get("object");
    if (!(n instanceof ObjectNode object)) {
      throw new IllegalArgumentException("record field object is not a JSON object: " + n);
    }
    return object;
  }
}
