package io.logplane.node.internal.volumes;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.runtime.ContainerEnv;
import io.logplane.node.internal.volumes.Objects.Kind;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A container's environment as the kubelet's {@code makeEnvironmentVariables} makes it:
 * {@code envFrom} first (ConfigMaps and Secrets, with their prefix; keys that are no valid
 * variable names skipped), then {@code env} with {@code valueFrom} resolved (configMapKeyRef,
 * secretKeyRef, fieldRef, resourceFieldRef), an optional reference to what is missing leaving
 * its variable unset. Pure over its {@link ObjectSource}.
 */
public final class Env {
  private static final Logger LOG = LoggerFactory.getLogger(Env.class);
  /** kube's {@code IsEnvVarName}: {@code [-._a-zA-Z][-._a-zA-Z0-9]*}. */
  private static final Pattern NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

  private Env() {}

  /**
   * The container's variables in order.
   *
   * @throws ConfigError with the kubelet's message when a non-optional object or key is missing
   *     or a field cannot be read: the container waits in {@code CreateContainerConfigError}
   */
  public static Map<String, String> of(JsonNode pod, JsonNode container, PodFields.Facts facts,
      ObjectSource source) {
    Objects objects = new Objects(source, pod.path("metadata").path("namespace").asText("default"));
    Map<String, String> from = new LinkedHashMap<>();
    for (JsonNode f : container.path("envFrom")) {
      boolean cm = f.has("configMapRef");
      JsonNode ref = cm ? f.path("configMapRef") : f.path("secretRef");
      Kind kind = cm ? Kind.CONFIG_MAP : Kind.SECRET;
      String name = ref.path("name").asText();
      Map<String, byte[]> data = objects.data(kind, name, ref.path("optional").asBoolean(false));
      if (data == null) {
        continue;
      }
      TreeSet<String> invalid = new TreeSet<>();
      data.forEach((k, v) -> {
        String key = f.path("prefix").asText("") + k;
        if (NAME.matcher(key).matches()) {
          from.put(key, new String(v, StandardCharsets.UTF_8));
        } else {
          invalid.add(key);
        }
      });
      if (!invalid.isEmpty()) {
        LOG.warn("Keys [{}] from the EnvFrom {} {}/{} were skipped since they are considered "
            + "invalid environment variable names.", String.join(", ", invalid),
            cm ? "configMap" : "secret", objects.namespace(), name);
      }
    }
    Map<String, String> valueFrom = new LinkedHashMap<>();
    for (JsonNode var : container.path("env")) {
      if (!var.path("value").asText("").isEmpty() || !var.has("valueFrom")) {
        continue;
      }
      String value = value(pod, container, var.path("valueFrom"), facts, objects);
      if (value != null) {
        valueFrom.put(var.path("name").asText(), value);
      }
    }
    return ContainerEnv.of(container, from, valueFrom);
  }

  /** One {@code valueFrom}; null when it refers optionally to what is missing. */
  private static String value(JsonNode pod, JsonNode container, JsonNode from,
      PodFields.Facts facts, Objects objects) {
    try {
      if (from.has("fieldRef")) {
        return PodFields.field(pod, from.path("fieldRef").path("fieldPath").asText(), facts);
      }
      if (from.has("resourceFieldRef")) {
        return PodFields.resource(pod, container, from.path("resourceFieldRef"), facts);
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigError(e.getMessage());
    }
    for (Kind kind : List.of(Kind.CONFIG_MAP, Kind.SECRET)) {
      JsonNode ref = from.path(kind == Kind.CONFIG_MAP ? "configMapKeyRef" : "secretKeyRef");
      if (ref.isMissingNode()) {
        continue;
      }
      boolean optional = ref.path("optional").asBoolean(false);
      String name = ref.path("name").asText();
      String key = ref.path("key").asText();
      Map<String, byte[]> data = objects.data(kind, name, optional);
      if (data == null) {
        return null;
      }
      byte[] v = data.get(key);
      if (v == null) {
        if (optional) {
          return null;
        }
        throw new ConfigError("couldn't find key " + key + " in " + kind.title + " "
            + objects.namespace() + "/" + name);
      }
      return new String(v, StandardCharsets.UTF_8);
    }
    return null;
  }
}
