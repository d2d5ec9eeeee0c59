package io.logplane.controllers.volume;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.projections.EventRecorder;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.informers.Informer;
import io.logplane.projections.volumes.Volumes;
import java.util.ArrayList;
import java.util.List;

/**
 * kube-controller-manager's persistentvolume-binder, as two controllers over one writer (the
 * {@code persistent-volume-binder} account) as kube's runs a claim queue and a volume queue:
 * claims woken by the volumes that name them, volumes woken by the claims they name or that
 * name them.
 */
public final class PersistentVolumeController {

  static final String ACCOUNT = "persistent-volume-binder";
  /** Volumes by the claim their claimRef names ({@code namespace/name}). */
  static final String BY_CLAIM_REF = "persistentvolume-binder.claimRef";

  private PersistentVolumeController() {}

  /** Both controllers, and the claims' protection ({@link ClaimProtectionController}). */
  public static List<Controller> controllers(ControllerContext ctx) {
    Informer claims = ctx.informers().informer(Volumes.CLAIMS);
    Informer volumes = ctx.informers().informer(Volumes.VOLUMES);
    Informer classes = ctx.informers().informer(Volumes.CLASSES);
    Informer pods = ctx.informers().informer(ClaimSync.PODS);
    volumes.addIndex(BY_CLAIM_REF, v -> {
      String key = Volumes.claimKey(v);
      return key == null ? List.of() : List.of(key.substring(Volumes.CLAIMS.length()));
    });
    ObjectWriter writer = ctx.writer(ACCOUNT);
    EventRecorder events = new EventRecorder(writer, "persistentvolume-controller", null, ctx.clock());
    Controller claimController = Controller.named("persistentvolume-binder-claims").reconciles(Volumes.CLAIMS)
        .watches(Volumes.VOLUMES, v -> {
          String key = Volumes.claimKey(v);
          return key == null ? List.of() : List.of(key);
        })
        .build(new ClaimSync(claims, volumes, classes, pods, writer, events));
    Controller volumeController = Controller.named("persistentvolume-binder-volumes").reconciles(Volumes.VOLUMES)
        .watches(Volumes.CLAIMS, c -> volumesOf(volumes, c))
        .build(new VolumeSync(volumes, claims, writer, events));
    return List.of(claimController, volumeController, ClaimProtectionController.controller(ctx));
  }

  private static List<String> volumesOf(Informer volumes, ObjectNode claim) {
    List<String> keys = new ArrayList<>();
    String named = claim.path("spec").path("volumeName").asText("");
    if (!named.isEmpty()) {
      keys.add(Volumes.VOLUMES + "/" + named);
    }
    for (ObjectNode v : volumes.byIndex(BY_CLAIM_REF, Metadata.text(claim, "namespace") + "/" + Metadata.text(claim, "name"))) {
      String key = Volumes.VOLUMES + "/" + Metadata.text(v, "name");
      if (!keys.contains(key)) {
        keys.add(key);
      }
    }
    return keys;
  }
}
