package io.logplane.api.proto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The inverse of {@link MessageToJson}: builds a message of a descriptor from Kubernetes JSON.
 * Every JSON field must have a protobuf home; one that does not fails the whole conversion
 * rather than being dropped, so a caller can fall back to answering in JSON.
 */
final class JsonToMessage {

  private JsonToMessage() {}

  /** The message of type for the JSON object; skip names fields handled elsewhere. */
  static Message object(Descriptor type, ObjectNode json, Set<String> skip, String path)
      throws ProtobufException {
    Set<String> used = new HashSet<>(skip);
    Message m = fields(type, json, used, path);
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!used.contains(name)) {
        throw fail(path + "." + name, "has no protobuf field in " + type.getFullName());
      }
    }
    return m;
  }

  /** Sets the fields of type found in json, marking the JSON names it used. */
  private static Message fields(Descriptor type, ObjectNode json, Set<String> used, String path)
      throws ProtobufException {
    DynamicMessage.Builder b = DynamicMessage.newBuilder(type);
    for (FieldDescriptor f : type.getFields()) {
      if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isRepeated()
          && GoFields.inline(type.getName(), f.getName())) {
        Message inlined = fields(f.getMessageType(), json, used, path);
        if (!inlined.getAllFields().isEmpty()) {
          b.setField(f, inlined);
        }
        continue;
      }
      String name = GoFields.jsonName(type.getName(), f.getName());
      JsonNode v = json.get(name);
      if (v == null) {
        continue;
      }
      used.add(name);
      String at = path + "." + name;
      if (f.isMapField()) {
        map(b, f, v, at);
      } else if (f.isRepeated()) {
        if (!v.isArray() && !v.isNull()) {
          throw fail(at, "is not a list");
        }
        for (JsonNode element : v) {
          b.addRepeatedField(f, value(f, element, at));
        }
      } else if (!v.isNull() || SpecialTypes.isTime(f)) {
        // JSON null is Go's nil; only a time keeps it, as the empty message of the zero time.
        b.setField(f, value(f, v, at));
      }
    }
    return b.build();
  }

  private static void map(DynamicMessage.Builder b, FieldDescriptor f, JsonNode v, String at)
      throws ProtobufException {
    if (!v.isObject() && !v.isNull()) {
      throw fail(at, "is not an object");
    }
    Descriptor entry = f.getMessageType();
    FieldDescriptor key = entry.findFieldByName("key");
    FieldDescriptor value = entry.findFieldByName("value");
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      b.addRepeatedField(f, DynamicMessage.newBuilder(entry).setField(key, e.getKey())
          .setField(value, value(value, e.getValue(), at + "." + e.getKey())).build());
    }
  }

  /** One JSON value of field f: singular, list element or map value. */
  static Object value(FieldDescriptor f, JsonNode v, String at) throws ProtobufException {
    switch (f.getJavaType()) {
      case MESSAGE:
        Message special = SpecialTypes.fromJson(f.getMessageType(), v, at);
        if (special != null) {
          return special;
        }
        if (!v.isObject()) {
          throw fail(at, "is not an object");
        }
        return object(f.getMessageType(), (ObjectNode) v, Set.of(), at);
      case STRING:
        return require(v.isTextual(), v, at).asText();
      case BOOLEAN:
        return require(v.isBoolean(), v, at).asBoolean();
      case INT:
        return require(v.isIntegralNumber() && v.canConvertToInt(), v, at).asInt();
      case LONG:
        return require(v.isIntegralNumber() && v.canConvertToLong(), v, at).asLong();
      case FLOAT:
        return (float) require(v.isNumber(), v, at).asDouble();
      case DOUBLE:
        return require(v.isNumber(), v, at).asDouble();
      case BYTE_STRING:
        try {
          return ByteString.copyFrom(Base64.getDecoder().decode(require(v.isTextual(), v, at)
              .asText()));
        } catch (IllegalArgumentException e) {
          throw fail(at, "is not base64");
        }
      default:
        throw fail(at, "has unsupported protobuf type " + f.getJavaType());
    }
  }

  private static JsonNode require(boolean ok, JsonNode v, String at) throws ProtobufException {
    if (!ok) {
      throw fail(at, "has the wrong JSON type (" + v.getNodeType() + ")");
    }
    return v;
  }

  static ProtobufException fail(String at, String why) {
    return new ProtobufException(ProtobufException.NOT_ACCEPTABLE,
        "cannot encode as protobuf: " + at + " " + why);
  }
}
