package io.logplane.api.proto;

import static io.logplane.api.proto.MessageToJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The apimachinery and apiextensions types whose JSON is not their protobuf shape: times are
 * RFC 3339 strings, a Quantity is its string, an IntOrString is a number or a string, raw
 * extensions carry embedded JSON, and the JSON-schema unions are a schema, a list or a bool.
 */
final class SpecialTypes {

  static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
  static final String TIME = META + "Time";
  static final String MICRO_TIME = META + "MicroTime";
  static final String FIELDS_V1 = META + "FieldsV1";
  static final String QUANTITY = "k8s.io.apimachinery.pkg.api.resource.Quantity";
  static final String INT_OR_STRING = "k8s.io.apimachinery.pkg.util.intstr.IntOrString";
  static final String RAW_EXTENSION = "k8s.io.apimachinery.pkg.runtime.RawExtension";
  static final String APIEXTENSIONS = "k8s.io.apiextensions_apiserver.";

  /** metav1.MicroTime's Go layout: always six fraction digits. */
  static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  static final ObjectMapper MAPPER = new ObjectMapper();

  private SpecialTypes() {}

  /** The JSON of a special message, or null when m is an ordinary object. */
  static JsonNode toJson(Message m) throws ProtobufException {
    Descriptor d = m.getDescriptorForType();
    String name = d.getFullName();
    switch (name) {
      case TIME:
        // Go keeps whole seconds only (metav1.Time's Unmarshal drops nanos); the zero time
        // travels as an empty message and marshals to JSON null.
        return has(m, "seconds")
            ? JSON.textNode(Instant.ofEpochSecond(longField(m, "seconds")).toString())
            : JSON.nullNode();
      case MICRO_TIME:
        return has(m, "seconds")
            ? JSON.textNode(MICROS.format(
                Instant.ofEpochSecond(longField(m, "seconds"), intField(m, "nanos"))))
            : JSON.nullNode();
      case QUANTITY:
        return JSON.textNode(has(m, "string") ? (String) get(m, "string") : "0");
      case INT_OR_STRING:
        return intField(m, "type") == 1
            ? JSON.textNode((String) get(m, "strVal"))
            : JSON.numberNode(intField(m, "intVal"));
      case RAW_EXTENSION:
        return embedded((ByteString) get(m, "raw"));
      case FIELDS_V1:
        return embedded((ByteString) get(m, "Raw"));
      default:
        break;
    }
    if (!d.getFile().getPackage().startsWith(APIEXTENSIONS)) {
      return null;
    }
    switch (d.getName()) {
      case "JSON":
        return embedded((ByteString) get(m, "raw"));
      case "JSONSchemaPropsOrArray":
        return count(m, "jSONSchemas") > 0 ? list(m, "jSONSchemas") : schemaOrNull(m);
      case "JSONSchemaPropsOrStringArray":
        return count(m, "property") > 0 ? list(m, "property") : schemaOrNull(m);
      case "JSONSchemaPropsOrBool":
        return has(m, "schema") ? schemaOrNull(m) : JSON.booleanNode((Boolean) get(m, "allows"));
      default:
        return null;
    }
  }

  /** True for metav1.Time and MicroTime fields, whose JSON null is the zero time. */
  static boolean isTime(FieldDescriptor f) {
    return f.getJavaType() == FieldDescriptor.JavaType.MESSAGE
        && (f.getMessageType().getFullName().equals(TIME)
            || f.getMessageType().getFullName().equals(MICRO_TIME));
  }

  /** The message of a special type for its JSON, or null when type is an ordinary object. */
  static Message fromJson(Descriptor type, JsonNode v, String at) throws ProtobufException {
    DynamicMessage.Builder b = DynamicMessage.newBuilder(type);
    String name = type.getFullName();
    switch (name) {
      case TIME, MICRO_TIME:
        if (!v.isNull()) {
          Instant t = instant(v, at);
          b.setField(field(type, "seconds"), t.getEpochSecond());
          if (name.equals(MICRO_TIME)) {
            b.setField(field(type, "nanos"), t.getNano());
          }
        }
        return b.build();
      case QUANTITY:
        return b.setField(field(type, "string"), v.asText()).build();
      case INT_OR_STRING:
        // IntOrString.type is an int64 in the proto: 0 for intVal, 1 for strVal.
        FieldDescriptor kind = field(type, "type");
        return v.isTextual()
            ? b.setField(kind, JsonToMessage.value(kind, JSON.numberNode(1), at))
                .setField(field(type, "strVal"), v.asText()).build()
            : b.setField(kind, JsonToMessage.value(kind, JSON.numberNode(0), at))
                .setField(field(type, "intVal"), JsonToMessage.value(field(type, "intVal"), v, at))
                .build();
      case RAW_EXTENSION:
        return b.setField(field(type, "raw"), raw(v)).build();
      case FIELDS_V1:
        return b.setField(field(type, "Raw"), raw(v)).build();
      default:
        break;
    }
    if (!type.getFile().getPackage().startsWith(APIEXTENSIONS)) {
      return null;
    }
    switch (type.getName()) {
      case "JSON":
        return b.setField(field(type, "raw"), raw(v)).build();
      case "JSONSchemaPropsOrArray":
        return union(b, v.isArray() ? "jSONSchemas" : "schema", v, at);
      case "JSONSchemaPropsOrStringArray":
        return union(b, v.isArray() ? "property" : "schema", v, at);
      case "JSONSchemaPropsOrBool":
        // Go's unmarshaller sets allows=true alongside a schema.
        b.setField(field(type, "allows"), v.isBoolean() ? v.asBoolean() : Boolean.TRUE);
        return v.isBoolean() ? b.build() : union(b, "schema", v, at);
      default:
        return null;
    }
  }

  private static Message union(DynamicMessage.Builder b, String name, JsonNode v, String at)
      throws ProtobufException {
    FieldDescriptor f = field(b.getDescriptorForType(), name);
    if (f.isRepeated()) {
      for (JsonNode element : v) {
        b.addRepeatedField(f, JsonToMessage.value(f, element, at));
      }
    } else {
      b.setField(f, JsonToMessage.value(f, v, at));
    }
    return b.build();
  }

  private static Instant instant(JsonNode v, String at) throws ProtobufException {
    try {
      return OffsetDateTime.parse(v.asText()).toInstant();
    } catch (DateTimeParseException e) {
      throw JsonToMessage.fail(at, "is not an RFC 3339 time");
    }
  }

  private static ByteString raw(JsonNode v) throws ProtobufException {
    try {
      return ByteString.copyFrom(MAPPER.writeValueAsBytes(v));
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  private static FieldDescriptor field(Descriptor type, String name) {
    return type.findFieldByName(name);
  }

  /** Embedded raw bytes, which Go clients fill with JSON. */
  static JsonNode embedded(ByteString raw) throws ProtobufException {
    if (raw.isEmpty()) {
      return JSON.nullNode();
    }
    if (raw.startsWith(ByteString.copyFrom(ProtobufCodec.MAGIC))) {
      // Not decoded: nothing sends it, and recursion would let a body nest without bound.
      throw new ProtobufException(ProtobufException.UNSUPPORTED_MEDIA_TYPE,
          "an embedded object in protobuf form is not supported; embed it as JSON");
    }
    try {
      return MAPPER.readTree(raw.toByteArray());
    } catch (IOException e) {
      throw new ProtobufException(ProtobufException.BAD_REQUEST,
          "embedded raw object is not JSON: " + e.getMessage(), e);
    }
  }

  private static JsonNode schemaOrNull(Message m) throws ProtobufException {
    return has(m, "schema") ? MessageToJson.message((Message) get(m, "schema")) : JSON.nullNode();
  }

  private static ArrayNode list(Message m, String field) throws ProtobufException {
    FieldDescriptor f = m.getDescriptorForType().findFieldByName(field);
    ArrayNode out = JSON.arrayNode();
    for (Object element : (List<?>) m.getField(f)) {
      out.add(MessageToJson.value(f, element));
    }
    return out;
  }

  static FieldDescriptor field(Message m, String name) {
    FieldDescriptor f = m.getDescriptorForType().findFieldByName(name);
    if (f == null) {
      throw new IllegalStateException(m.getDescriptorForType().getFullName() + " has no " + name);
    }
    return f;
  }

  private static boolean has(Message m, String name) {
    return m.hasField(field(m, name));
  }

  private static int count(Message m, String name) {
    return m.getRepeatedFieldCount(field(m, name));
  }

  private static Object get(Message m, String name) {
    return m.getField(field(m, name));
  }

  private static long longField(Message m, String name) {
    return ((Number) get(m, name)).longValue();
  }

  private static int intField(Message m, String name) {
    return ((Number) get(m, name)).intValue();
  }
}
