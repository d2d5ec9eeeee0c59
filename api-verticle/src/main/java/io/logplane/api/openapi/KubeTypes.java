package io.logplane.api.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes definition names of fabric8 classes, and the fixed schemas of the apimachinery
 * types whose JSON form is not their Go fields (a Quantity is a string, a Time an RFC 3339
 * string, a RawExtension any object).
 */
final class KubeTypes {

  static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
  static final String TIME = META + "Time";
  static final String MICRO_TIME = META + "MicroTime";
  static final String DURATION = META + "Duration";
  static final String FIELDS_V1 = META + "FieldsV1";
  static final String OBJECT_META = META + "ObjectMeta";
  static final String LIST_META = META + "ListMeta";
  static final String STATUS = META + "Status";
  static final String DELETE_OPTIONS = META + "DeleteOptions";
  static final String PATCH = META + "Patch";
  static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
  static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
  static final String RAW_EXTENSION = "io.k8s.apimachinery.pkg.runtime.RawExtension";
  static final String APIEXT = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.";
  static final String SCALE = "io.k8s.api.autoscaling.v1.Scale";

  private static final String MODEL = "io.fabric8.kubernetes.api.model";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** fabric8 classes standing for an apimachinery type with a fixed schema. */
  private static final Map<String, String> SPECIAL_CLASSES = Map.of(
      MODEL + ".IntOrString", INT_OR_STRING,
      MODEL + ".Quantity", QUANTITY,
      MODEL + ".MicroTime", MICRO_TIME,
      MODEL + ".Duration", DURATION,
      MODEL + ".FieldsV1", FIELDS_V1,
      MODEL + ".apiextensions.v1.JSON", APIEXT + "JSON",
      MODEL + ".apiextensions.v1.JSONSchemaPropsOrArray", APIEXT + "JSONSchemaPropsOrArray",
      MODEL + ".apiextensions.v1.JSONSchemaPropsOrBool", APIEXT + "JSONSchemaPropsOrBool",
      MODEL + ".apiextensions.v1.JSONSchemaPropsOrStringArray", APIEXT + "JSONSchemaPropsOrStringArray");

  /** The fixed schemas, in the v3 dialect. */
  private static final Map<String, ObjectNode> FIXED = new LinkedHashMap<>();

  static {
    FIXED.put(TIME, string("A timestamp in RFC 3339 form, to the second.").put("format", "date-time"));
    FIXED.put(MICRO_TIME, string("A timestamp in RFC 3339 form with microseconds.").put("format", "date-time"));
    FIXED.put(DURATION, string("A duration as a Go duration string, such as 1h30m."));
    FIXED.put(QUANTITY, oneOf("A fixed-point number with an optional suffix, such as 100m, 1.5Gi or 2.",
        "string", "number"));
    ObjectNode intOrString = oneOf("Either an integer or a string, such as a port number or name.",
        "integer", "string");
    intOrString.put("format", "int-or-string").put("x-kubernetes-int-or-string", true);
    FIXED.put(INT_OR_STRING, intOrString);
    FIXED.put(RAW_EXTENSION, object("An embedded object of any kind."));
    FIXED.put(FIELDS_V1, object("The set of fields a manager owns, in the fieldsV1 trie format."));
    FIXED.put(PATCH, object("The body of a patch; its format is given by the request Content-Type."));
    FIXED.put(APIEXT + "JSON", description("Any JSON value."));
    FIXED.put(APIEXT + "JSONSchemaPropsOrArray", description("A JSON schema or an array of JSON schemas."));
    FIXED.put(APIEXT + "JSONSchemaPropsOrBool", description("A JSON schema or a boolean; true allows anything."));
    FIXED.put(APIEXT + "JSONSchemaPropsOrStringArray", description("A JSON schema or an array of strings."));
  }

  private final ProtoCatalog proto;
  private final Map<Class<?>, String> names = new LinkedHashMap<>();

  KubeTypes(ProtoCatalog proto) {
    this.proto = proto;
  }

  /** The fixed schema of a special name, or empty for a type generated from its fields. */
  static Optional<ObjectNode> fixed(String name) {
    ObjectNode s = FIXED.get(name);
    return s == null ? Optional.empty() : Optional.of(s.deepCopy());
  }

  /** Swagger 2.0 has no oneOf: these two are plain strings there, as in kube-apiserver. */
  static Optional<ObjectNode> fixedV2(String name) {
    if (name.equals(QUANTITY)) {
      return Optional.of(string(FIXED.get(QUANTITY).path("description").asText()));
    }
    if (name.equals(INT_OR_STRING)) {
      return Optional.of(string(FIXED.get(INT_OR_STRING).path("description").asText())
          .put("format", "int-or-string"));
    }
    return Optional.empty();
  }

  /** The fixed name of a proto message type, when it is one of the special types. */
  static Optional<String> specialMessage(Descriptor message) {
    String name = ProtoCatalog.openApiName(message);
    return FIXED.containsKey(name) ? Optional.of(name) : Optional.empty();
  }

  /** The fixed name standing for a fabric8 class, when it is one of the special types. */
  static Optional<String> specialClass(Class<?> c) {
    return Optional.ofNullable(SPECIAL_CLASSES.get(c.getName()));
  }

  /** True for fabric8 classes of the Kubernetes model (the only ones that become definitions). */
  static boolean isModel(Class<?> c) {
    return c.getName().startsWith(MODEL + ".") && !c.isInterface() && !c.isEnum();
  }

  /**
   * The Kubernetes definition name of a fabric8 model class. The Java package names the API
   * group and version ({@code ...model.apps} is apps/v1, {@code ...model.batch.v1} batch/v1);
   * the root package mixes core/v1 with meta/v1, which the proto descriptors tell apart. A
   * type newer than the descriptors keeps the group of its Java package.
   */
  String nameOf(Class<?> c) {
    return names.computeIfAbsent(c, this::resolve);
  }

  /** The proto message describing a fabric8 class, if the descriptors know it. */
  Optional<Descriptor> messageOf(Class<?> c) {
    String name = nameOf(c);
    return proto.named(c.getSimpleName()).stream()
        .filter(d -> ProtoCatalog.openApiName(d).equals(name)).findFirst();
  }

  private String resolve(Class<?> c) {
    Optional<String> special = specialClass(c);
    if (special.isPresent()) {
      return special.get();
    }
    if (!isModel(c)) {
      throw new IllegalArgumentException("not a Kubernetes model class: " + c.getName());
    }
    String sub = c.getPackageName().substring(MODEL.length());
    String[] parts = sub.isEmpty() ? new String[0] : sub.substring(1).split("\\.");
    List<String> prefixes;
    String fallback;
    if (parts.length == 0 && c.getSimpleName().equals("Preconditions")) {
      // The one name core/v1 shares with meta/v1; fabric8 means the meta one (of DeleteOptions).
      prefixes = List.of("io.k8s.apimachinery.");
      fallback = META;
    } else if (parts.length == 0) {
      prefixes = List.of("io.k8s.api.core.v1.", "io.k8s.apimachinery.");
      fallback = "io.k8s.api.core.v1.";
    } else {
      String group = parts[0];
      String version = parts.length > 1 ? parts[1] : "v1";
      String api = group.equals("apiextensions")
          ? "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions." + version + "."
          : "io.k8s.api." + group + "." + version + ".";
      prefixes = List.of(api);
      fallback = api;
    }
    List<String> candidates = proto.named(c.getSimpleName()).stream().map(ProtoCatalog::openApiName).toList();
    for (String prefix : prefixes) {
      for (String candidate : candidates) {
        if (candidate.startsWith(prefix)) {
          return candidate;
        }
      }
    }
    return fallback + c.getSimpleName();
  }

  private static ObjectNode description(String text) {
    return JSON.objectNode().put("description", text);
  }

  private static ObjectNode string(String text) {
    return description(text).put("type", "string");
  }

  private static ObjectNode object(String text) {
    return description(text).put("type", "object");
  }

  private static ObjectNode oneOf(String text, String... types) {
    ObjectNode s = description(text);
    for (String t : types) {
      s.withArray("oneOf").addObject().put("type", t);
    }
    return s;
  }
}
