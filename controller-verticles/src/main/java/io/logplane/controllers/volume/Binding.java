package io.logplane.controllers.volume;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.volumes.Volumes;

/**
 * The writes of kube's {@code bind}, each skipped when already done, in its order: the volume's
 * claimRef (with {@code bound-by-controller} when the binder chose the volume), the volume
 * Bound, the claim's volumeName with {@code bind-completed} (and {@code bound-by-controller}
 * when the binder chose), the claim Bound with the volume's access modes and capacity. A write
 * refused midway leaves what the next sync finishes.
 */
final class Binding {

  private final ObjectWriter writer;

  Binding(ObjectWriter writer) {
    this.writer = writer;
  }

  void bind(ObjectNode volume, ObjectNode claim) {
    volume = bindVolume(volume, claim);
    volume = phase(volume, "Bound");
    claim = bindClaim(claim, volume);
    claimStatus(claim, volume);
  }

  private ObjectNode bindVolume(ObjectNode volume, ObjectNode claim) {
    var ref = Volumes.claimRef(volume);
    if (ref != null && ref.path("uid").asText("").equals(Metadata.uid(claim))) {
      return volume;
    }
    ObjectNode next = volume.deepCopy();
    ((ObjectNode) next.get("spec")).putObject("claimRef").put("kind", "PersistentVolumeClaim")
        .put("namespace", Metadata.text(claim, "namespace")).put("name", Metadata.text(claim, "name"))
        .put("uid", Metadata.uid(claim)).put("apiVersion", "v1")
        .put("resourceVersion", Metadata.text(claim, "resourceVersion"));
    if (ref == null) {
      Volumes.annotate(next, Volumes.BOUND_BY_CONTROLLER, "yes");
    }
    return writer.update(volumeKey(volume), next).join();
  }

  /** Sets the volume's phase (status), unless it has it. */
  ObjectNode phase(ObjectNode volume, String phase) {
    if (phase.equals(Volumes.phase(volume))) {
      return volume;
    }
    ObjectNode next = volume.deepCopy();
    ObjectNode status = next.putObject("status").put("phase", phase);
    if (volume.path("status").has("lastPhaseTransitionTime")) {
      status.set("lastPhaseTransitionTime", volume.path("status").get("lastPhaseTransitionTime"));
    }
    return writer.updateStatus(volumeKey(volume), next).join();
  }

  private ObjectNode bindClaim(ObjectNode claim, ObjectNode volume) {
    String name = Metadata.text(volume, "name");
    boolean named = name.equals(claim.path("spec").path("volumeName").asText(""));
    if (named && "yes".equals(Volumes.annotation(claim, Volumes.BIND_COMPLETED))) {
      return claim;
    }
    ObjectNode next = claim.deepCopy();
    if (!named) {
      ((ObjectNode) next.get("spec")).put("volumeName", name);
      Volumes.annotate(next, Volumes.BOUND_BY_CONTROLLER, "yes");
    }
    Volumes.annotate(next, Volumes.BIND_COMPLETED, "yes");
    return writer.update(claimKey(claim), next).join();
  }

  private void claimStatus(ObjectNode claim, ObjectNode volume) {
    ObjectNode status = claim.path("status").isObject() ? claim.path("status").deepCopy()
        : claim.objectNode();
    status.put("phase", "Bound");
    status.set("accessModes", volume.path("spec").path("accessModes").deepCopy());
    status.set("capacity", volume.path("spec").path("capacity").deepCopy());
    if (status.equals(claim.path("status"))) {
      return;
    }
    ObjectNode next = claim.deepCopy();
    next.set("status", status);
    writer.updateStatus(claimKey(claim), next).join();
  }

  /** Sets the claim's phase (status), unless it has it; Pending and Lost claims show no capacity. */
  ObjectNode claimPhase(ObjectNode claim, String phase) {
    if (phase.equals(Volumes.phase(claim))) {
      return claim;
    }
    ObjectNode next = claim.deepCopy();
    next.putObject("status").put("phase", phase);
    return writer.updateStatus(claimKey(claim), next).join();
  }

  static Key volumeKey(ObjectNode volume) {
    return new Key("core", "persistentvolumes", "", Metadata.text(volume, "name"));
  }

  static Key claimKey(ObjectNode claim) {
    return new Key("core", "persistentvolumeclaims", Metadata.text(claim, "namespace"), Metadata.text(claim, "name"));
  }
}
