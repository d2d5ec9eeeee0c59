package io.logplane.controllers.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.DefaultStorageClass;
import io.logplane.projections.EventRecorder;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.informers.Informer;
import io.logplane.projections.volumes.VolumeMatching;
import io.logplane.projections.volumes.Volumes;
import java.util.ArrayList;
import java.util.List;

/**
 * The binder's claim sync, as kube's syncUnboundClaim and syncBoundClaim: an unbound claim
 * binds to the volume {@link Matching} finds; when none, a claim without a class gets the default
 * one (retroactive default StorageClass assignment, GA in 1.28), a claim whose class waits for
 * its first consumer is told so until the scheduler selected a node, then one of a provisioner's
 * class is annotated for that provisioner ({@code ExternalProvisioning}). A bound claim whose
 * volume is gone or taken is Lost.
 */
final class ClaimSync implements Reconciler {

  static final String PODS = "core/pods/";
  /** Pods by the claims their volumes name ({@code namespace/claim}). */
  static final String BY_CLAIM = "persistentvolume-binder.claims";

  private final Informer claims;
  private final Informer volumes;
  private final Informer classes;
  private final Informer pods;
  private final ObjectWriter writer;
  private final Binding binding;
  private final EventRecorder events;

  ClaimSync(Informer claims, Informer volumes, Informer classes, Informer pods, ObjectWriter writer,
      EventRecorder events) {
    this.claims = claims;
    this.volumes = volumes;
    this.classes = classes;
    this.pods = pods;
    this.writer = writer;
    this.binding = new Binding(writer);
    this.events = events;
    pods.addIndex(BY_CLAIM, ClaimSync::claimsOf);
  }

  /** The {@code namespace/claim} of each persistentVolumeClaim volume of a pod. */
  static List<String> claimsOf(ObjectNode pod) {
    List<String> out = new ArrayList<>();
    for (JsonNode v : pod.path("spec").path("volumes")) {
      String claim = v.path("persistentVolumeClaim").path("claimName").asText("");
      if (!claim.isEmpty()) {
        out.add(Metadata.text(pod, "namespace") + "/" + claim);
      }
    }
    return out;
  }

  @Override
  public Result reconcile(String key) {
    ObjectNode claim = claims.get(key);
    if (claim == null) {
      return Result.DONE;
    }
    if ("yes".equals(Volumes.annotation(claim, Volumes.BIND_COMPLETED))) {
      syncBound(claim);
    } else {
      syncUnbound(claim);
    }
    return Result.DONE;
  }

  private void syncUnbound(ObjectNode claim) {
    String volumeName = claim.path("spec").path("volumeName").asText("");
    if (!volumeName.isEmpty()) {
      syncRequested(claim, volumeName);
      return;
    }
    ObjectNode cls = classOf(claim);
    boolean delay = cls != null && Volumes.WAIT_FOR_FIRST_CONSUMER.equals(cls.path("volumeBindingMode").asText());
    ObjectNode volume = VolumeMatching.best(claim, volumes.list(), delay);
    if (volume != null) {
      binding.bind(volume, claim);
      return;
    }
    if (assignDefaultClass(claim)) {
      return; // its update syncs it again
    }
    // Pending first, as kube's provisioning runs apart from the sync that marks the claim Pending
    claim = binding.claimPhase(claim, "Pending");
    if (delay && Volumes.annotation(claim, Volumes.SELECTED_NODE) == null) {
      waitingForConsumer(claim);
    } else if (cls != null) {
      provision(claim, cls);
    } else if (!Volumes.claimClass(claim).isEmpty()) {
      events.warning(claim, "ProvisioningFailed", "storageclass.storage.k8s.io \"" + Volumes.claimClass(claim)
          + "\" not found");
    } else {
      events.normal(claim, "FailedBinding", "no persistent volumes available for this claim and no storage class is set");
    }
  }

  /** The claim names its volume: bound to it when that volume is free for it, as kube's [Unit test set 2]. */
  private void syncRequested(ObjectNode claim, String volumeName) {
    ObjectNode volume = volumes.get(Volumes.VOLUMES + "/" + volumeName);
    if (volume == null) {
      binding.claimPhase(claim, "Pending");
    } else if (Volumes.claimRef(volume) == null) {
      String why = VolumeMatching.unsatisfied(volume, claim);
      if (why != null) {
        events.warning(claim, "VolumeMismatch", "Cannot bind to requested volume \"" + volumeName + "\": " + why);
        binding.claimPhase(claim, "Pending");
      } else {
        binding.bind(volume, claim);
      }
    } else if (Volumes.boundToClaim(volume, claim)) {
      binding.bind(volume, claim);
    } else {
      events.warning(claim, "FailedBinding", "volume \"" + volumeName + "\" already bound to a different claim.");
      binding.claimPhase(claim, "Pending");
    }
  }

  private void syncBound(ObjectNode claim) {
    String volumeName = claim.path("spec").path("volumeName").asText("");
    ObjectNode volume = volumeName.isEmpty() ? null : volumes.get(Volumes.VOLUMES + "/" + volumeName);
    if (volumeName.isEmpty()) {
      lost(claim, "ClaimLost", "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!");
    } else if (volume == null) {
      lost(claim, "ClaimLost", "Bound claim has lost its PersistentVolume. Data on the volume is lost!");
    } else if (Volumes.claimRef(volume) == null
        || Volumes.claimRef(volume).path("uid").asText("").equals(Metadata.uid(claim))) {
      binding.bind(volume, claim);
    } else {
      lost(claim, "ClaimMisbound", "Two claims are bound to the same volume, this one is bound incorrectly");
    }
  }

  private void lost(ObjectNode claim, String reason, String message) {
    if (!"Lost".equals(Volumes.phase(claim))) {
      binding.claimPhase(claim, "Lost");
      events.warning(claim, reason, message);
    }
  }

  /** As emitEventForUnboundDelayBindingClaim: names the pods waiting to be scheduled, when there are. */
  private void waitingForConsumer(ObjectNode claim) {
    List<String> waiting = new ArrayList<>();
    for (ObjectNode pod : pods.byIndex(BY_CLAIM, Metadata.text(claim, "namespace") + "/" + Metadata.text(claim, "name"))) {
      if (pod.path("spec").path("nodeName").asText("").isEmpty() && !Metadata.terminating(pod)) {
        waiting.add(Metadata.text(pod, "name"));
      }
    }
    waiting.sort(null);
    if (waiting.isEmpty()) {
      events.normal(claim, "WaitForFirstConsumer", "waiting for first consumer to be created before binding");
    } else if (waiting.size() == 1) {
      events.normal(claim, "WaitForPodScheduled", "waiting for pod " + waiting.get(0) + " to be scheduled");
    } else {
      events.normal(claim, "WaitForPodScheduled", "waiting for pods " + String.join(",", waiting) + " to be scheduled");
    }
  }

  /** As provisionClaimOperationExternal: annotates the claim for the class's provisioner and says it waits for it. */
  private void provision(ObjectNode claim, ObjectNode cls) {
    String provisioner = cls.path("provisioner").asText();
    if (!provisioner.equals(Volumes.annotation(claim, Volumes.STORAGE_PROVISIONER))
        || !provisioner.equals(Volumes.annotation(claim, Volumes.BETA_STORAGE_PROVISIONER))) {
      ObjectNode next = claim.deepCopy();
      Volumes.annotate(next, Volumes.BETA_STORAGE_PROVISIONER, provisioner);
      Volumes.annotate(next, Volumes.STORAGE_PROVISIONER, provisioner);
      claim = writer.update(Binding.claimKey(claim), next).join();
    }
    events.normal(claim, "ExternalProvisioning", "Waiting for a volume to be created either by the external provisioner '"
        + provisioner + "' or manually by the system administrator. If volume creation is delayed, please verify that"
        + " the provisioner is running and correctly registered.");
  }

  /** As assignDefaultStorageClass: a claim with no class field gets the default class; true when written. */
  private boolean assignDefaultClass(ObjectNode claim) {
    JsonNode name = claim.path("spec").get("storageClassName");
    if (name != null && !name.isNull()) {
      return false;
    }
    ObjectNode def = DefaultStorageClass.of(classes.list());
    if (def == null) {
      return false;
    }
    ObjectNode next = claim.deepCopy();
    ((ObjectNode) next.get("spec")).put("storageClassName", Metadata.text(def, "name"));
    writer.update(Binding.claimKey(claim), next).join();
    return true;
  }

  private ObjectNode classOf(ObjectNode claim) {
    String name = Volumes.claimClass(claim);
    return name.isEmpty() ? null : classes.get(Volumes.CLASSES + "/" + name);
  }
}
