package io.logplane.api.patch;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.logplane.api.resources.ResourceType;
import io.logplane.api.schema.PatchMeta;
import io.logplane.api.schema.PatchMeta.ListMeta;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What is known about one position in an object: the Java type the fabric8 model declares
 * there and, for a list, how it merges. Built lazily by reflection (JSON names from
 * {@code @JsonProperty}, element types from generics). Where nothing is known (custom
 * resources, {@code Object}-typed fields) the position is {@link #UNKNOWN}: maps merge key by
 * key and lists are atomic, which is merge-patch behaviour.
 */
final class TypeSchema {

  /** How a list merges: replaced whole, merged as a set of scalars, or merged by key. */
  enum ListKind { ATOMIC, SET, MAP }

  static final TypeSchema UNKNOWN = new TypeSchema(null, null, null);

  // Go types marked +structType=atomic / +mapType=atomic: owned and replaced as one value by
  // server-side apply (kube shows them as a single "f:selector":{} entry).
  private static final Set<String> ATOMIC_STRUCTS = Set.of("LabelSelector", "LocalObjectReference",
      "ObjectReference", "TypedLocalObjectReference", "ConfigMapKeySelector", "SecretKeySelector",
      "ObjectFieldSelector", "ResourceFieldSelector", "NodeSelector", "NodeSelectorTerm");
  private static final Set<String> ATOMIC_MAPS = Set.of("PodSpec.nodeSelector", "ServiceSpec.selector");
  // listType=map lists whose key has more fields than the strategic merge key.
  private static final Map<String, List<String>> MAP_KEYS = Map.of(
      "Container.ports", List.of("containerPort", "protocol"),
      "EphemeralContainer.ports", List.of("containerPort", "protocol"),
      "ServiceSpec.ports", List.of("port", "protocol"),
      "PodSpec.topologySpreadConstraints", List.of("topologyKey", "whenUnsatisfiable"));
  /** Defaults of key fields a client may omit (kube's listMapKey defaults). */
  static final Map<String, String> KEY_DEFAULTS = Map.of("protocol", "TCP");

  private static final Map<Class<?>, Map<String, Type>> PROPERTIES = new ConcurrentHashMap<>();
  private static final Map<String, TypeSchema> ROOTS = new ConcurrentHashMap<>();

  private final Type type;
  private final Class<?> owner;
  private final String field;

  // What a walk asks again and again, worked out once per position: schemas form a graph that
  // grows with the model's declared fields only (map values and list items have one child
  // schema, whatever the key). Racing threads may compute a value twice, never differently.
  private final Map<String, TypeSchema> fields = new ConcurrentHashMap<>();
  private volatile TypeSchema element;
  private volatile TypeSchema mapValue;
  private volatile Map<String, Type> properties;
  private volatile ListKind listKind;
  private volatile Boolean atomic;

  private TypeSchema(Type type, Class<?> owner, String field) {
    this.type = type;
    this.owner = owner;
    this.field = field;
  }

  /** The schema of a resource's objects; UNKNOWN when it has no model class. */
  static TypeSchema of(ResourceType resource) {
    if (resource == null || resource.modelClass() == null) {
      return UNKNOWN;
    }
    return ROOTS.computeIfAbsent(resource.modelClass(), name -> of(resource.loadModelClass()));
  }

  static TypeSchema of(Class<?> c) {
    return c == null ? UNKNOWN : new TypeSchema(c, null, null);
  }

  private Class<?> raw() {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return null;
  }

  private boolean isMap() {
    Class<?> r = raw();
    return r != null && Map.class.isAssignableFrom(r);
  }

  private boolean isList() {
    Class<?> r = raw();
    return r != null && Collection.class.isAssignableFrom(r);
  }

  private Map<String, Type> properties() {
    Map<String, Type> p = properties;
    if (p == null) {
      Class<?> r = raw();
      p = r == null || r.isPrimitive() || r.isInterface() || r.isEnum() || r.isArray()
          || r.getName().startsWith("java.") || isMap() || isList() ? Map.of()
          : PROPERTIES.computeIfAbsent(r, TypeSchema::scan);
      properties = p;
    }
    return p;
  }

  private static Map<String, Type> scan(Class<?> c) {
    Map<String, Type> props = new LinkedHashMap<>();
    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
      for (Field f : k.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || f.isAnnotationPresent(JsonIgnore.class)) {
          continue;
        }
        JsonProperty p = f.getAnnotation(JsonProperty.class);
        if (p == null) {
          continue;
        }
        props.putIfAbsent(p.value().isEmpty() ? f.getName() : p.value(), f.getGenericType());
      }
    }
    return props;
  }

  /** True for a struct (a model class with declared JSON properties). */
  boolean isStruct() {
    return !properties().isEmpty();
  }

  /** True when {@code name} is a declared field of this struct (not a free map key). */
  boolean named(String name) {
    return properties().containsKey(name);
  }

  /** Schema of the value under {@code name} in an object at this position. */
  TypeSchema field(String name) {
    Map<String, Type> props = properties();
    if (!props.isEmpty()) {
      Type t = props.get(name);
      return t == null ? UNKNOWN : fields.computeIfAbsent(name, n -> new TypeSchema(t, raw(), n));
    }
    TypeSchema v = mapValue;
    if (v == null) {
      v = isMap() && type instanceof ParameterizedType p && p.getActualTypeArguments().length == 2
          ? new TypeSchema(p.getActualTypeArguments()[1], null, null) : UNKNOWN;
      mapValue = v;
    }
    return v;
  }

  /** Schema of the items of a list at this position. */
  TypeSchema element() {
    TypeSchema e = element;
    if (e == null) {
      e = isList() && type instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
          ? new TypeSchema(p.getActualTypeArguments()[0], null, null) : UNKNOWN;
      element = e;
    }
    return e;
  }

  private Optional<ListMeta> meta() {
    return owner == null ? Optional.empty() : PatchMeta.list(owner.getSimpleName(), field);
  }

  ListKind listKind() {
    ListKind k = listKind;
    if (k == null) {
      k = meta().map(m -> m.mergeKey() == null ? ListKind.SET : ListKind.MAP).orElse(ListKind.ATOMIC);
      listKind = k;
    }
    return k;
  }

  /** The strategic merge key of a keyed list, or null. */
  String mergeKey() {
    return meta().map(ListMeta::mergeKey).orElse(null);
  }

  /** The server-side apply key fields of a keyed list (listMapKeys), in declaration order. */
  List<String> keys() {
    List<String> k = owner == null ? null : MAP_KEYS.get(owner.getSimpleName() + "." + field);
    if (k != null) {
      return k;
    }
    String mk = mergeKey();
    return mk == null ? List.of() : List.of(mk);
  }

  /** True when server-side apply owns the value here as a whole (atomic struct or map). */
  boolean atomic() {
    Boolean a = atomic;
    if (a == null) {
      Class<?> r = raw();
      a = r != null && ATOMIC_STRUCTS.contains(r.getSimpleName())
          || owner != null && ATOMIC_MAPS.contains(owner.getSimpleName() + "." + field);
      atomic = a;
    }
    return a;
  }
}
