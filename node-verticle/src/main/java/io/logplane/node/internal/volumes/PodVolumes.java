package io.logplane.node.internal.volumes;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.agent.Quantity;
import io.logplane.node.internal.runtime.Expansion;
import io.logplane.node.internal.runtime.Mounts;
import io.logplane.node.internal.runtime.VolumeMount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sets up a pod's volumes on the node, as the kubelet's volume manager and plugins do, each in
 * {@code volumes/<plugin>/<name>} under the pod's directory: emptyDir (a directory, or a tmpfs
 * for {@code medium: Memory}, of {@code sizeLimit}), configMap, downwardAPI, secret and
 * projected (their files written by {@link AtomicDir}; secret and projected ones on a tmpfs so
 * they never touch the disk), hostPath (the host's path after its {@code type} check),
 * persistentVolumeClaim (its bound volume's path, {@link ClaimVolumes}). Called on every sync of
 * the pod: what changed in the objects is written again. While a volume cannot be set up (a
 * claim not bound yet, a kind not supported) the pod's containers are not made, and wait in
 * {@code ContainerCreating} as the kubelet's do.
 * Everything is removed with the pod's directory when its sandbox is (tmpfs unmounted first).
 */
public final class PodVolumes {
  private final ObjectSource source;
  private final AtomicDir writer;

  public PodVolumes(ObjectSource source, Clock clock) {
    this.source = source;
    this.writer = new AtomicDir(clock);
  }

  /**
   * Sets up or refreshes the pod's volumes under {@code podDir}; the host path of each, by name.
   *
   * @throws ConfigError when one cannot be set up, in the kubelet's words
   */
  public Map<String, Path> setUp(JsonNode pod, Path podDir, PodFields.Facts facts) {
    Map<String, Path> out = new LinkedHashMap<>();
    for (JsonNode v : pod.path("spec").path("volumes")) {
      String name = v.path("name").asText();
      try {
        out.put(name, setUp(pod, podDir, v, name, facts));
      } catch (ConfigError e) {
        throw new ConfigError("MountVolume.SetUp failed for volume \"" + name + "\" : "
            + e.getMessage(), name);
      }
    }
    return out;
  }

  private Path setUp(JsonNode pod, Path podDir, JsonNode v, String name, PodFields.Facts facts) {
    if (v.has("hostPath")) {
      return HostPaths.check(Path.of(v.path("hostPath").path("path").asText()),
          v.path("hostPath").path("type").asText(""));
    }
    if (v.has("persistentVolumeClaim")) {
      return ClaimVolumes.resolve(pod, v, source);
    }
    if (v.has("emptyDir")) {
      Path dir = podDir.resolve("volumes/kubernetes.io~empty-dir").resolve(name);
      JsonNode e = v.path("emptyDir");
      if ("Memory".equals(e.path("medium").asText(""))) {
        String limit = e.path("sizeLimit").asText("");
        Mounts.tmpfs(dir, limit.isEmpty() ? null : Quantity.units(limit));
      } else {
        directory(dir);
      }
      return dir;
    }
    Map<String, FileProjection> files = Payloads.of(pod, v, facts, source);
    if (files == null) {
      throw new ConfigError("volume kind " + kind(v)
          + " is not supported on this node");
    }
    Path dir = podDir.resolve("volumes/" + plugin(v)).resolve(name);
    if (v.has("secret") || v.has("projected")) {
      Mounts.tmpfs(dir, null);
    } else {
      directory(dir);
    }
    writer.write(dir, files);
    return dir;
  }

  /**
   * The binds of {@code container}'s {@code volumeMounts}: a volume's directory, or its
   * {@code subPath} (or {@code subPathExpr} expanded against {@code env}) below it, made when
   * missing and kept inside the volume; configMap, secret, downwardAPI and projected volumes
   * are read-only as the kubelet mounts them.
   */
  public static List<VolumeMount> mounts(JsonNode pod, JsonNode container, Map<String, Path> volumes,
      Map<String, String> env) {
    List<VolumeMount> out = new ArrayList<>();
    for (JsonNode m : container.path("volumeMounts")) {
      String name = m.path("name").asText();
      Path root = volumes.get(name);
      if (root == null) {
        throw new ConfigError("cannot find volume \"" + name + "\" to mount into container \""
            + container.path("name").asText() + "\"");
      }
      String sub = m.has("subPathExpr")
          ? Expansion.expand(m.path("subPathExpr").asText(), Expansion.mapping(env))
          : m.path("subPath").asText("");
      out.add(new VolumeMount(sub.isEmpty() ? root : subPath(root, sub),
          m.path("mountPath").asText(),
          m.path("readOnly").asBoolean(false) || readOnlyKind(volume(pod, name))));
    }
    return out;
  }

  private static Path subPath(Path root, String sub) {
    AtomicDir.validate(sub);
    try {
      Path p = root.resolve(sub);
      if (!Files.exists(p) && Files.isDirectory(root) && !Files.isSymbolicLink(p)) {
        Files.createDirectories(p);
      }
      Path real = p.toRealPath();
      if (!real.startsWith(root.toRealPath())) {
        throw new ConfigError("subpath \"" + sub + "\" leads out of its volume");
      }
      return real;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode volume(JsonNode pod, String name) {
    for (JsonNode v : pod.path("spec").path("volumes")) {
      if (v.path("name").asText().equals(name)) {
        return v;
      }
    }
    return null;
  }

  private static boolean readOnlyKind(JsonNode v) {
    return v.has("configMap") || v.has("secret") || v.has("downwardAPI") || v.has("projected")
        || v.path("persistentVolumeClaim").path("readOnly").asBoolean(false);
  }

  private static String kind(JsonNode v) {
    for (var it = v.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("name")) {
        return f;
      }
    }
    return "(none)";
  }

  private static String plugin(JsonNode v) {
    if (v.has("configMap")) {
      return "kubernetes.io~configmap";
    }
    if (v.has("secret")) {
      return "kubernetes.io~secret";
    }
    if (v.has("downwardAPI")) {
      return "kubernetes.io~downward-api";
    }
    return "kubernetes.io~projected";
  }

  private static void directory(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, AtomicDir.perms(0777));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
