package io.logplane.scheduler.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * kube-scheduler's VolumeBinding plugin, for the claims a pod's volumes name: PreFilter refuses
 * the pod while a claim is missing, being deleted, or unbound in an Immediate class (the binder's
 * to bind first); Filter keeps the pod on the nodes its bound volumes' node affinity allows; an
 * unbound claim of a WaitForFirstConsumer class is provisioned for the node chosen: PreBind
 * annotates it {@code volume.kubernetes.io/selected-node} before the pod binds. Unlike kube's
 * PreBind it does not wait for the claim to be bound before binding the pod: the node's agent
 * waits for it before mounting, as the kubelet does for any claim.
 */
public final class VolumeBinding {

  public static final String CLAIMS = "core/persistentvolumeclaims/";
  public static final String VOLUMES = "core/persistentvolumes/";
  public static final String CLASSES = "storage.k8s.io/storageclasses/";
  static final String SELECTED_NODE = "volume.kubernetes.io/selected-node";
  public static final String CONFLICT = "node(s) had volume node affinity conflict";

  /**
   * What the pod's claims ask: the PreFilter refusal (null when none), the node affinity of
   * each bound volume, and the claims to provision on the chosen node.
   */
  public record Plan(String rejection, List<List<NodeSelector>> affinities, List<ObjectNode> toProvision) {}

  private VolumeBinding() {}

  /** The {@code claimName} of each persistentVolumeClaim volume of a pod spec. */
  public static List<String> claimNames(JsonNode spec) {
    List<String> out = new ArrayList<>();
    for (JsonNode v : spec.path("volumes")) {
      String claim = v.path("persistentVolumeClaim").path("claimName").asText("");
      if (!claim.isEmpty()) {
        out.add(claim);
      }
    }
    return out;
  }

  /** The plan of a pod with claims, read through lookups by key (null when absent). */
  public static Plan plan(PodInfo pod, Function<String, ObjectNode> lookup) {
    List<List<NodeSelector>> affinities = new ArrayList<>();
    List<ObjectNode> toProvision = new ArrayList<>();
    boolean unboundImmediate = false;
    for (String name : pod.claims) {
      ObjectNode claim = lookup.apply(CLAIMS + pod.namespace + "/" + name);
      if (claim == null) {
        return rejected("persistentvolumeclaim \"" + name + "\" not found");
      }
      if (Metadata.terminating(claim)) {
        return rejected("persistentvolumeclaim \"" + name + "\" is being deleted");
      }
      String volumeName = claim.path("spec").path("volumeName").asText("");
      if (!volumeName.isEmpty()) {
        ObjectNode volume = lookup.apply(VOLUMES + "/" + volumeName);
        if (volume == null) {
          return rejected("pvc(s) bound to non-existent pv(s)");
        }
        JsonNode terms = volume.path("spec").path("nodeAffinity").path("required").path("nodeSelectorTerms");
        if (terms.isArray() && !terms.isEmpty()) {
          affinities.add(NodeSelector.terms(terms));
        }
        continue;
      }
      String cls = claim.path("spec").path("storageClassName").asText("");
      ObjectNode sc = cls.isEmpty() ? null : lookup.apply(CLASSES + "/" + cls);
      if (sc != null && "WaitForFirstConsumer".equals(sc.path("volumeBindingMode").asText())) {
        toProvision.add(claim);
      } else {
        unboundImmediate = true;
      }
    }
    if (unboundImmediate) {
      return rejected("pod has unbound immediate PersistentVolumeClaims");
    }
    return new Plan(null, affinities, toProvision);
  }

  private static Plan rejected(String why) {
    return new Plan(why, List.of(), List.of());
  }

  /** Whether the node is one every bound volume of the plan may be used on. */
  public static boolean fits(Plan plan, NodeInfo node) {
    for (List<NodeSelector> terms : plan.affinities()) {
      if (!NodeSelector.anyMatches(terms, node)) {
        return false;
      }
    }
    return true;
  }

  /** PreBind: each claim to provision annotated with the node chosen (unless it names it already). */
  public static CompletableFuture<Void> preBind(ObjectWriter writer, Plan plan, String node) {
    List<CompletableFuture<ObjectNode>> writes = new ArrayList<>();
    for (ObjectNode claim : plan.toProvision()) {
      if (node.equals(claim.path("metadata").path("annotations").path(SELECTED_NODE).asText())) {
        continue;
      }
      ObjectNode next = claim.deepCopy();
      ObjectNode meta = Metadata.of(next);
      ObjectNode annotations = meta.get("annotations") instanceof ObjectNode a ? a : meta.putObject("annotations");
      annotations.put(SELECTED_NODE, node);
      writes.add(writer.update(new Key("core", "persistentvolumeclaims", Metadata.text(claim, "namespace"),
          Metadata.text(claim, "name")), next));
    }
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
  }
}
