package io.logplane.node.internal.volumes;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * A persistentVolumeClaim volume, as the kubelet's volume manager resolves it: the claim, bound
 * (else the pod waits, in the kubelet's words), then its PersistentVolume, whose hostPath (made
 * when its type says so) or local path is what the pod's containers bind.
 */
final class ClaimVolumes {

  private ClaimVolumes() {}

  static Path resolve(JsonNode pod, JsonNode volume, ObjectSource source) {
    String ns = pod.path("metadata").path("namespace").asText("default");
    String name = volume.path("persistentVolumeClaim").path("claimName").asText();
    JsonNode claim = source.get("persistentvolumeclaims", ns, name);
    if (claim == null) {
      throw new ConfigError("error processing PVC " + ns + "/" + name + ": persistentvolumeclaim \"" + name
          + "\" not found");
    }
    String volumeName = claim.path("spec").path("volumeName").asText("");
    String phase = claim.path("status").path("phase").asText("");
    if (volumeName.isEmpty() || !phase.equals("Bound")) {
      throw new ConfigError("error processing PVC " + ns + "/" + name + ": PVC is not bound (phase \"" + phase
          + "\", volumeName \"" + volumeName + "\")");
    }
    JsonNode pv = source.get("persistentvolumes", null, volumeName);
    if (pv == null) {
      throw new ConfigError("failed to fetch PV " + volumeName + " from API server: persistentvolumes \""
          + volumeName + "\" not found");
    }
    JsonNode spec = pv.path("spec");
    if (spec.has("hostPath")) {
      return HostPaths.check(Path.of(spec.path("hostPath").path("path").asText()),
          spec.path("hostPath").path("type").asText(""));
    }
    if (spec.has("local")) {
      return HostPaths.check(Path.of(spec.path("local").path("path").asText()), "Directory");
    }
    throw new ConfigError("PersistentVolume " + volumeName + ": only hostPath and local volumes are supported on"
        + " this node");
  }
}
