package io.logplane.node.internal.volumes;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A ConfigMap's or Secret's key-values, looked up as the kubelet's managers do: a missing object
 * is an error named {@code configmap "x" not found} / {@code secret "x" not found}, unless the
 * reference is optional.
 */
final class Objects {
  /** The kinds a pod refers to, with the singular names the kubelet's errors use. */
  enum Kind {
    CONFIG_MAP("configmaps", "configmap", "ConfigMap"),
    SECRET("secrets", "secret", "Secret");

    final String resource;
    final String singular;
    final String title;

    Kind(String resource, String singular, String title) {
      this.resource = resource;
      this.singular = singular;
      this.title = title;
    }
  }

  private final ObjectSource source;
  private final String namespace;
  private final Map<String, Map<String, byte[]>> read = new LinkedHashMap<>();

  Objects(ObjectSource source, String namespace) {
    this.source = source;
    this.namespace = namespace;
  }

  /**
   * The object's data (a ConfigMap's {@code data} and {@code binaryData}, a Secret's decoded
   * {@code data}); null when it is missing and {@code optional}.
   *
   * @throws ConfigError when it is missing and not optional
   */
  Map<String, byte[]> data(Kind kind, String name, boolean optional) {
    String key = kind.resource + "/" + name;
    if (!read.containsKey(key)) {
      read.put(key, decode(kind, source.get(kind.resource, namespace, name)));
    }
    Map<String, byte[]> data = read.get(key);
    if (data == null && !optional) {
      throw new ConfigError(kind.singular + " \"" + name + "\" not found");
    }
    return data;
  }

  String namespace() {
    return namespace;
  }

  private static Map<String, byte[]> decode(Kind kind, JsonNode object) {
    if (object == null) {
      return null;
    }
    Map<String, byte[]> out = new LinkedHashMap<>();
    if (kind == Kind.CONFIG_MAP) {
      object.path("data").fields().forEachRemaining(e ->
          out.put(e.getKey(), e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
      object.path("binaryData").fields().forEachRemaining(e ->
          out.put(e.getKey(), Base64.getDecoder().decode(e.getValue().asText())));
    } else {
      object.path("data").fields().forEachRemaining(e ->
          out.put(e.getKey(), Base64.getDecoder().decode(e.getValue().asText())));
    }
    return out;
  }
}
