package io.logplane.api.openapi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Walks fabric8 model classes and writes their OpenAPI v3 schemas under Kubernetes names:
 * properties typed from the Java fields, nested types as references, lists as arrays, maps as
 * additionalProperties. Field types the Java model loses (timestamps held as strings, byte
 * slices held as strings, embedded JSON) are taken from the proto descriptor of the type.
 * fabric8's catch-all {@code additionalProperties} map is not an API field and is skipped.
 * Descriptions come from the Kubernetes API docs ({@link KubeDocs}); the fields every object
 * has fall back to {@link FieldFacts} when a type is newer than those docs.
 */
final class SchemaGenerator {

  static final String REF = "#/components/schemas/";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final KubeTypes types;
  private final Map<String, ObjectNode> definitions = new TreeMap<>();
  private final Map<String, Class<?>> owners = new HashMap<>();

  SchemaGenerator(KubeTypes types) {
    this.types = types;
  }

  /** Every definition written so far, by name (sorted, so documents are stable). */
  Map<String, ObjectNode> definitions() {
    return definitions;
  }

  /** Defines a class and all it references; returns its definition name. */
  String define(Class<?> c) {
    String name = types.nameOf(c);
    Class<?> previous = owners.putIfAbsent(name, c);
    if (previous != null) {
      if (previous != c) {
        throw new IllegalStateException(name + " claimed by " + previous.getName() + " and " + c.getName());
      }
      return name;
    }
    Optional<ObjectNode> fixed = KubeTypes.fixed(name);
    if (fixed.isPresent()) {
      definitions.put(name, fixed.get());
      return name;
    }
    ObjectNode schema = JSON.objectNode();
    definitions.put(name, schema); // before recursing: JSONSchemaProps refers to itself
    fill(schema, name, c);
    return name;
  }

  /** Defines a fixed apimachinery type by name (Status, Patch, ...). */
  void defineFixed(String name) {
    definitions.computeIfAbsent(name, n -> KubeTypes.fixed(n)
        .orElseThrow(() -> new IllegalArgumentException("no fixed schema " + n)));
  }

  static ObjectNode ref(String name) {
    return JSON.objectNode().put("$ref", REF + name);
  }

  /** Attaches a description; a reference is wrapped in allOf, as OpenAPI 3.0 ignores $ref siblings. */
  static ObjectNode describe(ObjectNode property, String description) {
    if (property.has("$ref")) {
      ObjectNode wrapped = JSON.objectNode();
      wrapped.putArray("allOf").add(property);
      property = wrapped;
    }
    return property.put("description", description);
  }

  private void fill(ObjectNode schema, String name, Class<?> c) {
    Map<String, Field> fields = jsonFields(c);
    Optional<Descriptor> message = types.messageOf(c);
    boolean list = c.getSimpleName().endsWith("List") && fields.containsKey("items");
    KubeDocs.type(name).ifPresent(d -> schema.put("description", d));
    schema.put("type", "object");
    var required = FieldFacts.required(c.getSimpleName(), fields.keySet());
    if (!required.isEmpty()) {
      required.stream().sorted().forEach(schema.putArray("required")::add);
    }
    ObjectNode properties = schema.putObject("properties");
    fields.forEach((json, field) -> {
      Optional<FieldDescriptor> proto = message.flatMap(m -> ProtoCatalog.field(m, json, fields.keySet()));
      ObjectNode p = proto.flatMap(this::special).orElseGet(() -> bytes(typeSchema(field.getGenericType()), proto));
      if ("array".equals(p.path("type").asText())) {
        FieldFacts.listExtensions(c.getSimpleName(), json, p);
      }
      Optional<String> doc = KubeDocs.field(name, json).or(() -> FieldFacts.description(json, list));
      properties.set(json, doc.map(d -> describe(p, d)).orElse(p));
    });
  }

  /** A field whose proto type is one of the fixed apimachinery types, keeping its cardinality. */
  private Optional<ObjectNode> special(FieldDescriptor f) {
    if (f.isMapField()) {
      FieldDescriptor value = f.getMessageType().findFieldByName("value");
      return messageSpecial(value).map(v -> object().set("additionalProperties", v));
    }
    return messageSpecial(f).map(s -> f.isRepeated() ? array(s) : s);
  }

  private Optional<ObjectNode> messageSpecial(FieldDescriptor f) {
    if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
      return Optional.empty();
    }
    return KubeTypes.specialMessage(f.getMessageType()).map(name -> {
      defineFixed(name);
      return ref(name);
    });
  }

  /** Go []byte is base64 in JSON: fabric8 holds it as a string, the schema says format byte. */
  private static ObjectNode bytes(ObjectNode schema, Optional<FieldDescriptor> proto) {
    if (proto.isEmpty()) {
      return schema;
    }
    FieldDescriptor f = proto.get();
    if (f.isMapField()) {
      f = f.getMessageType().findFieldByName("value");
      if (f.getType() == FieldDescriptor.Type.BYTES && schema.get("additionalProperties") instanceof ObjectNode v) {
        v.put("format", "byte");
      }
    } else if (f.getType() == FieldDescriptor.Type.BYTES && !f.isRepeated()) {
      schema.put("format", "byte");
    }
    return schema;
  }

  private ObjectNode typeSchema(Type t) {
    if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw)) {
        return array(typeSchema(args[0]));
      }
      if (Map.class.isAssignableFrom(raw)) {
        return object().set("additionalProperties", typeSchema(args[1]));
      }
    }
    if (!(t instanceof Class<?> c)) {
      throw new IllegalStateException("no schema for Java type " + t.getTypeName());
    }
    if (c == String.class || c.isEnum()) {
      return JSON.objectNode().put("type", "string");
    }
    if (c == Integer.class || c == int.class) {
      return JSON.objectNode().put("type", "integer").put("format", "int32");
    }
    if (c == Long.class || c == long.class) {
      return JSON.objectNode().put("type", "integer").put("format", "int64");
    }
    if (c == Boolean.class || c == boolean.class) {
      return JSON.objectNode().put("type", "boolean");
    }
    if (c == Double.class || c == double.class || c == Float.class || c == float.class) {
      return JSON.objectNode().put("type", "number").put("format", "double");
    }
    if (TemporalAccessor.class.isAssignableFrom(c)) {
      defineFixed(KubeTypes.MICRO_TIME);
      return ref(KubeTypes.MICRO_TIME);
    }
    if (KubeTypes.specialClass(c).isPresent() || (KubeTypes.isModel(c) && !c.getSimpleName().equals("AnyType"))) {
      return ref(define(c));
    }
    // Object, JsonNode, KubernetesResource: any embedded JSON object.
    return object();
  }

  private static ObjectNode object() {
    return JSON.objectNode().put("type", "object");
  }

  private static ObjectNode array(ObjectNode items) {
    ObjectNode a = JSON.objectNode().put("type", "array");
    a.set("items", items);
    return a;
  }

  /** The JSON fields of a class and its model superclasses, by JSON name. */
  static Map<String, Field> jsonFields(Class<?> c) {
    Map<String, Field> fields = new TreeMap<>();
    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
      for (Field f : k.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic() || f.isAnnotationPresent(JsonIgnore.class)
            || f.getName().equals("additionalProperties")) {
          continue;
        }
        JsonProperty p = f.getAnnotation(JsonProperty.class);
        fields.putIfAbsent(p != null && !p.value().isEmpty() ? p.value() : f.getName(), f);
      }
    }
    return fields;
  }
}
