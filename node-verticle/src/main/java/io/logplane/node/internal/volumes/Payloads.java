package io.logplane.node.internal.volumes;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.volumes.Objects.Kind;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of the volumes the node writes from objects, by path in the volume, as the kubelet's
 * volume plugins make them: configMap and secret ({@code MakePayload}: all keys, or the
 * {@code items}, with {@code defaultMode} or an item's {@code mode}), downwardAPI
 * ({@code CollectData}) and projected (the union of its sources, a {@code serviceAccountToken}
 * one the token the source gets for the pod's account, bound to the pod). Pure over the
 * {@link ObjectSource}.
 */
public final class Payloads {
  /** The API server's default {@code defaultMode}: 0644. */
  static final int DEFAULT_MODE = 0644;
  /** The API server's default {@code expirationSeconds} of a token source: an hour. */
  static final long DEFAULT_TOKEN_SECONDS = 3600;

  private Payloads() {}

  /**
   * The files of a configMap, secret, downwardAPI or projected volume; null for a volume of
   * another kind.
   *
   * @throws ConfigError what keeps the volume from being set up, in the kubelet's words
   */
  public static Map<String, FileProjection> of(JsonNode pod, JsonNode volume, PodFields.Facts facts,
      ObjectSource source) {
    Objects objects = new Objects(source, pod.path("metadata").path("namespace").asText("default"));
    Map<String, FileProjection> out = new TreeMap<>();
    if (volume.has("configMap")) {
      JsonNode v = volume.path("configMap");
      object(out, objects, Kind.CONFIG_MAP, v.path("name").asText(), v, mode(v, DEFAULT_MODE));
    } else if (volume.has("secret")) {
      JsonNode v = volume.path("secret");
      object(out, objects, Kind.SECRET, v.path("secretName").asText(), v, mode(v, DEFAULT_MODE));
    } else if (volume.has("downwardAPI")) {
      JsonNode v = volume.path("downwardAPI");
      downward(out, pod, v.path("items"), facts, mode(v, DEFAULT_MODE));
    } else if (volume.has("projected")) {
      JsonNode v = volume.path("projected");
      int mode = mode(v, DEFAULT_MODE);
      for (JsonNode s : v.path("sources")) {
        if (s.has("configMap")) {
          object(out, objects, Kind.CONFIG_MAP, s.path("configMap").path("name").asText(),
              s.path("configMap"), mode);
        } else if (s.has("secret")) {
          object(out, objects, Kind.SECRET, s.path("secret").path("name").asText(),
              s.path("secret"), mode);
        } else if (s.has("downwardAPI")) {
          downward(out, pod, s.path("downwardAPI").path("items"), facts, mode);
        } else if (s.has("serviceAccountToken")) {
          JsonNode t = s.path("serviceAccountToken");
          out.put(t.path("path").asText(), new FileProjection(token(pod, t, source), mode));
        } else {
          throw new ConfigError("projected source " + s.fieldNames().next()
              + " is not supported on this node");
        }
      }
    } else {
      return null;
    }
    return out;
  }

  /** As the kubelet's projected plugin: the pod's account, the source's audience and lifetime, bound to the pod. */
  private static byte[] token(JsonNode pod, JsonNode source, ObjectSource objects) {
    JsonNode meta = pod.path("metadata");
    String account = pod.path("spec").path("serviceAccountName").asText("");
    return objects.token(new ObjectSource.TokenRequest(meta.path("namespace").asText("default"),
        account.isEmpty() ? "default" : account, source.path("audience").asText(""),
        source.path("expirationSeconds").asLong(DEFAULT_TOKEN_SECONDS), meta.path("name").asText(),
        meta.path("uid").asText())).getBytes(StandardCharsets.UTF_8);
  }

  private static void object(Map<String, FileProjection> out, Objects objects, Kind kind,
      String name, JsonNode v, int mode) {
    boolean optional = v.path("optional").asBoolean(false);
    Map<String, byte[]> data = objects.data(kind, name, optional);
    if (data == null) {
      return; // optional and missing: an empty volume
    }
    if (v.path("items").isEmpty()) {
      data.forEach((k, d) -> out.put(k, new FileProjection(d, mode)));
      return;
    }
    for (JsonNode item : v.path("items")) {
      String key = item.path("key").asText();
      byte[] d = data.get(key);
      if (d == null) {
        if (optional) {
          continue;
        }
        throw new ConfigError(kind == Kind.SECRET ? "references non-existent secret key: " + key
            : "configmap references non-existent config key: " + key);
      }
      out.put(item.path("path").asText(), new FileProjection(d, mode(item, mode)));
    }
  }

  private static void downward(Map<String, FileProjection> out, JsonNode pod, JsonNode items,
      PodFields.Facts facts, int mode) {
    for (JsonNode item : items) {
      String value;
      try {
        value = item.has("fieldRef")
            ? PodFields.field(pod, item.path("fieldRef").path("fieldPath").asText(), facts)
            : PodFields.resource(pod, null, item.path("resourceFieldRef"), facts);
      } catch (IllegalArgumentException e) {
        throw new ConfigError(e.getMessage());
      }
      out.put(item.path("path").asText(),
          new FileProjection(value.getBytes(StandardCharsets.UTF_8), mode(item, mode)));
    }
  }

  private static int mode(JsonNode v, int fallback) {
    JsonNode m = v.has("defaultMode") ? v.path("defaultMode") : v.path("mode");
    return m.isNumber() ? m.asInt() : fallback;
  }
}
