package io.logplane.controllers.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.EventRecorder;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.informers.Informer;
import io.logplane.projections.volumes.Volumes;

/**
 * The binder's volume sync, as kube's syncVolume: a volume no claim holds is Available; one
 * whose claim is gone (or is another claim of the same name) is Released and reclaimed: kept
 * (Retain), left to the provisioner that made it to delete (Delete, {@code provisioned-by}), or
 * Failed when no one can delete it (no in-tree deleter here). A volume the binder bound to a
 * claim that ended bound to another volume is freed again.
 */
final class VolumeSync implements Reconciler {

  private final Informer volumes;
  private final Informer claims;
  private final ObjectWriter writer;
  private final Binding binding;
  private final EventRecorder events;

  VolumeSync(Informer volumes, Informer claims, ObjectWriter writer, EventRecorder events) {
    this.volumes = volumes;
    this.claims = claims;
    this.writer = writer;
    this.binding = new Binding(writer);
    this.events = events;
  }

  @Override
  public Result reconcile(String key) {
    ObjectNode volume = volumes.get(key);
    if (volume == null) {
      return Result.DONE;
    }
    JsonNode ref = Volumes.claimRef(volume);
    if (ref == null || ref.path("uid").asText("").isEmpty()) {
      binding.phase(volume, "Available");
      return Result.DONE;
    }
    ObjectNode claim = claims.get(Volumes.claimKey(volume));
    if (claim != null && !Metadata.uid(claim).equals(ref.path("uid").asText())) {
      claim = null; // the claim was deleted and another made with its name
    }
    if (claim == null) {
      reclaim(volume);
      return Result.DONE;
    }
    String claimed = claim.path("spec").path("volumeName").asText("");
    if (claimed.equals(Metadata.text(volume, "name"))) {
      binding.phase(volume, "Bound");
    } else if (!claimed.isEmpty() && "yes".equals(Volumes.annotation(volume, Volumes.BOUND_BY_CONTROLLER))) {
      unbind(volume);
    }
    return Result.DONE;
  }

  private void reclaim(ObjectNode volume) {
    String phase = Volumes.phase(volume);
    if (!phase.equals("Released") && !phase.equals("Failed")) {
      volume = binding.phase(volume, "Released");
    }
    String policy = volume.path("spec").path("persistentVolumeReclaimPolicy").asText("Retain");
    if (policy.equals("Delete") && Volumes.annotation(volume, Volumes.PROVISIONED_BY) == null
        && !phase.equals("Failed")) {
      binding.phase(volume, "Failed");
      events.warning(volume, "VolumeFailedDelete", "error getting deleter volume plugin for volume \""
          + Metadata.text(volume, "name") + "\": no deletable volume plugin matched");
    }
  }

  /** As unbindVolume: a volume the binder chose loses its claimRef and is Available again. */
  private void unbind(ObjectNode volume) {
    ObjectNode next = volume.deepCopy();
    ((ObjectNode) next.get("spec")).remove("claimRef");
    ((ObjectNode) next.path("metadata").path("annotations")).remove(Volumes.BOUND_BY_CONTROLLER);
    binding.phase(writer.update(Binding.volumeKey(volume), next).join(), "Available");
  }
}
