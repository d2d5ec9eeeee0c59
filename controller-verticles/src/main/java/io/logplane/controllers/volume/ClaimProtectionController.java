package io.logplane.controllers.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.informers.Informer;
import io.logplane.projections.volumes.Volumes;
import java.util.List;

/**
 * As kube-controller-manager's pvc-protection-controller: a claim being deleted keeps its
 * {@code kubernetes.io/pvc-protection} finalizer (put there when it was made) while a scheduled
 * pod that has not ended uses it, so a running pod's volume is not released under it; then the
 * finalizer goes and the claim with it.
 */
public final class ClaimProtectionController implements Reconciler {

  static final String FINALIZER = "kubernetes.io/pvc-protection";

  private final Informer claims;
  private final Informer pods;
  private final ObjectWriter writer;

  private ClaimProtectionController(ControllerContext ctx) {
    claims = ctx.informers().informer(Volumes.CLAIMS);
    pods = ctx.informers().informer(ClaimSync.PODS);
    pods.addIndex(ClaimSync.BY_CLAIM, ClaimSync::claimsOf);
    writer = ctx.writer("pvc-protection-controller");
  }

  /** Claims, woken by the pods that use them. */
  public static Controller controller(ControllerContext ctx) {
    return Controller.named("pvc-protection").reconciles(Volumes.CLAIMS)
        .watches(ClaimSync.PODS, pod -> ClaimSync.claimsOf(pod).stream().map(c -> Volumes.CLAIMS + c).toList())
        .build(new ClaimProtectionController(ctx));
  }

  @Override
  public Result reconcile(String key) {
    ObjectNode claim = claims.get(key);
    if (claim == null || !Metadata.terminating(claim) || !hasFinalizer(claim) || inUse(claim)) {
      return Result.DONE;
    }
    ObjectNode next = claim.deepCopy();
    ArrayNode kept = next.arrayNode();
    for (JsonNode f : claim.path("metadata").path("finalizers")) {
      if (!FINALIZER.equals(f.asText())) {
        kept.add(f);
      }
    }
    Metadata.of(next).set("finalizers", kept);
    writer.update(Binding.claimKey(claim), next).join();
    return Result.DONE;
  }

  private static boolean hasFinalizer(ObjectNode claim) {
    for (JsonNode f : claim.path("metadata").path("finalizers")) {
      if (FINALIZER.equals(f.asText())) {
        return true;
      }
    }
    return false;
  }

  /** As podUsesPVC: a pod scheduled to a node and not ended names it. */
  private boolean inUse(ObjectNode claim) {
    List<ObjectNode> users = pods.byIndex(ClaimSync.BY_CLAIM, Metadata.text(claim, "namespace") + "/"
        + Metadata.text(claim, "name"));
    for (ObjectNode pod : users) {
      String phase = pod.path("status").path("phase").asText("");
      if (!pod.path("spec").path("nodeName").asText("").isEmpty() && !phase.equals("Succeeded")
          && !phase.equals("Failed")) {
        return true;
      }
    }
    return false;
  }
}
