package io.logplane.api.proto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.Base64;
import java.util.List;

/**
 * Writes a Kubernetes protobuf message as the JSON its Go type marshals to: proto field names
 * (with {@link GoFields} renames and inlined structs), Go's omitempty for zero scalars, and the
 * apimachinery types that have their own JSON form (see {@link SpecialTypes}).
 */
final class MessageToJson {

  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private MessageToJson() {}

  /** The message as a JSON value: an object, or a string/number/... for special types. */
  static JsonNode message(Message m) throws ProtobufException {
    JsonNode special = SpecialTypes.toJson(m);
    if (special != null) {
      return special;
    }
    ObjectNode out = JSON.objectNode();
    fields(m, out);
    return out;
  }

  /** Adds the fields of m to out (out may be a parent object when m is an inlined struct). */
  static void fields(Message m, ObjectNode out) throws ProtobufException {
    Descriptor type = m.getDescriptorForType();
    for (FieldDescriptor f : type.getFields()) {
      String name = GoFields.jsonName(type.getName(), f.getName());
      if (f.isMapField()) {
        if (m.getRepeatedFieldCount(f) > 0) {
          out.set(name, map(f, (List<?>) m.getField(f)));
        }
      } else if (f.isRepeated()) {
        if (m.getRepeatedFieldCount(f) > 0) {
          ArrayNode array = out.putArray(name);
          for (Object element : (List<?>) m.getField(f)) {
            array.add(value(f, element));
          }
        }
      } else if (m.hasField(f)) {
        Object v = m.getField(f);
        if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE
            && GoFields.inline(type.getName(), f.getName())) {
          fields((Message) v, out);
        } else if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE
            || !isZero(v) || GoFields.keepsZero(type.getName(), f.getName())) {
          out.set(name, value(f, v));
        }
      }
    }
  }

  /** One value of field f: a singular value, a list element or a map value. */
  static JsonNode value(FieldDescriptor f, Object v) throws ProtobufException {
    switch (f.getJavaType()) {
      case MESSAGE:
        return message((Message) v);
      case STRING:
        return JSON.textNode((String) v);
      case BOOLEAN:
        return JSON.booleanNode((Boolean) v);
      case INT:
        return JSON.numberNode((Integer) v);
      case LONG:
        return number((Long) v);
      case FLOAT:
      case DOUBLE:
        return number(((Number) v).doubleValue());
      case BYTE_STRING:
        // Go's encoding/json writes []byte as standard, padded base64.
        return JSON.textNode(Base64.getEncoder().encodeToString(((ByteString) v).toByteArray()));
      case ENUM:
        return JSON.textNode(((com.google.protobuf.Descriptors.EnumValueDescriptor) v).getName());
      default:
        throw new IllegalStateException("unhandled protobuf type " + f.getJavaType());
    }
  }

  /** Numbers as Jackson parses them from JSON text, so decoded trees equal parsed ones. */
  static JsonNode number(long v) {
    return v == (int) v ? JSON.numberNode((int) v) : JSON.numberNode(v);
  }

  static JsonNode number(double v) {
    if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) {
      return number((long) v);
    }
    return JSON.numberNode(v);
  }

  private static ObjectNode map(FieldDescriptor f, List<?> entries) throws ProtobufException {
    Descriptor entry = f.getMessageType();
    FieldDescriptor key = entry.findFieldByName("key");
    FieldDescriptor value = entry.findFieldByName("value");
    ObjectNode out = JSON.objectNode();
    for (Object e : entries) {
      Message m = (Message) e;
      // Map values keep their zeros: a label "a": "" is data, not an unset field.
      out.set(String.valueOf(m.getField(key)), value(value, m.getField(value)));
    }
    return out;
  }

  private static boolean isZero(Object v) {
    if (v instanceof String s) {
      return s.isEmpty();
    } else if (v instanceof Boolean b) {
      return !b;
    } else if (v instanceof Number n) {
      return n.doubleValue() == 0;
    } else if (v instanceof ByteString b) {
      return b.isEmpty();
    }
    return false;
  }
}
