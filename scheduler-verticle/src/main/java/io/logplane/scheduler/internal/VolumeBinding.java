package io.logplane.scheduler.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.volumes.VolumeMatching;
import io.logplane.projections.volumes.Volumes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * kube-scheduler's VolumeBinding plugin, for the claims a pod's volumes name: PreFilter refuses
 * the pod while a claim is missing, being deleted, or unbound in an Immediate class (the binder's
 * to bind first); Filter keeps the pod on the nodes its bound volumes' node affinity allows and,
 * for each unbound claim of a WaitForFirstConsumer class, where an Available volume matches it
 * (a hand-made local volume, its node affinity met) or its class provisions one. PreBind then
 * binds each such claim as kube's binder does: the volume chosen gets the claim in its claimRef
 * (the persistent-volume binder completes the binding), a claim to provision gets the
 * {@code volume.kubernetes.io/selected-node} annotation. Unlike kube's PreBind it does not wait
 * for the claims to be bound before binding the pod: the node's agent waits for them before
 * mounting, as the kubelet does for any claim.
 */
public final class VolumeBinding {

  public static final String CLAIMS = Volumes.CLAIMS;
  public static final String VOLUMES = Volumes.VOLUMES;
  public static final String CLASSES = Volumes.CLASSES;
  public static final String CONFLICT = "node(s) had volume node affinity conflict";
  public static final String NO_VOLUME = "node(s) didn't find available persistent volumes to bind";
  /** The provisioner of classes that provision nothing: their claims bind to volumes made by hand. */
  static final String NO_PROVISIONER = "kubernetes.io/no-provisioner";

  /**
   * What the pod's claims ask: the PreFilter refusal (null when none), the node affinity of
   * each bound volume, and the claims whose binding waited for the pod.
   */
  public record Plan(String rejection, List<List<NodeSelector>> affinities, List<Delayed> delayed) {}

  /**
   * An unbound claim of a WaitForFirstConsumer class: the volumes it may bind to wherever the pod
   * goes, and whether its class provisions one when none fits the node.
   */
  public record Delayed(ObjectNode claim, List<ObjectNode> volumes, boolean provisions) {}

  /**
   * PreBind's work on the node chosen: each delayed claim with the volume it binds to, or null for
   * one to provision there.
   */
  public record Decision(String node, Map<ObjectNode, ObjectNode> volumes) {}

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

  /**
   * The plan of a pod with claims, read through lookups by key (null when absent) and the list of
   * all volumes.
   */
  public static Plan plan(PodInfo pod, Function<String, ObjectNode> lookup, Supplier<Collection<ObjectNode>> volumes) {
    List<List<NodeSelector>> affinities = new ArrayList<>();
    List<Delayed> delayed = new ArrayList<>();
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
      String cls = Volumes.claimClass(claim);
      ObjectNode sc = cls.isEmpty() ? null : lookup.apply(CLASSES + "/" + cls);
      if (sc != null && Volumes.WAIT_FOR_FIRST_CONSUMER.equals(sc.path("volumeBindingMode").asText())) {
        List<ObjectNode> candidates = new ArrayList<>();
        for (ObjectNode volume : volumes.get()) {
          if (VolumeMatching.onNode(claim, List.of(volume), v -> true, Set.of()) != null) {
            candidates.add(volume);
          }
        }
        delayed.add(new Delayed(claim, candidates, !NO_PROVISIONER.equals(sc.path("provisioner").asText())));
      } else {
        unboundImmediate = true;
      }
    }
    if (unboundImmediate) {
      return rejected("pod has unbound immediate PersistentVolumeClaims");
    }
    return new Plan(null, affinities, delayed);
  }

  private static Plan rejected(String why) {
    return new Plan(why, List.of(), List.of());
  }

  /**
   * Why the node cannot take the pod's volumes ({@link #CONFLICT}, {@link #NO_VOLUME}), or null
   * when it can.
   */
  public static String misfit(Plan plan, NodeInfo node) {
    for (List<NodeSelector> terms : plan.affinities()) {
      if (!NodeSelector.anyMatches(terms, node)) {
        return CONFLICT;
      }
    }
    return decide(plan, node) == null ? NO_VOLUME : null;
  }

  /** What PreBind does on the node, or null when a delayed claim can have no volume there. */
  public static Decision decide(Plan plan, NodeInfo node) {
    Map<ObjectNode, ObjectNode> chosen = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    for (Delayed d : plan.delayed()) {
      ObjectNode volume = VolumeMatching.onNode(d.claim(), d.volumes(), v -> fitsNode(v, node), taken);
      if (volume == null && !d.provisions()) {
        return null;
      }
      if (volume != null) {
        taken.add(Metadata.text(volume, "name"));
      }
      chosen.put(d.claim(), volume);
    }
    return new Decision(node.name, chosen);
  }

  private static boolean fitsNode(JsonNode volume, NodeInfo node) {
    JsonNode terms = volume.path("spec").path("nodeAffinity").path("required").path("nodeSelectorTerms");
    return !terms.isArray() || terms.isEmpty() || NodeSelector.anyMatches(NodeSelector.terms(terms), node);
  }

  /**
   * PreBind: each volume chosen gets its claim in its claimRef, as kube's bindAPIUpdate (the
   * binder then binds the claim to it); each claim to provision gets the node chosen (unless it
   * names it already).
   */
  public static CompletableFuture<Void> preBind(ObjectWriter writer, Decision decision) {
    List<CompletableFuture<ObjectNode>> writes = new ArrayList<>();
    decision.volumes().forEach((claim, volume) -> {
      if (volume != null) {
        if (!Volumes.boundToClaim(volume, claim)) {
          ObjectNode next = volume.deepCopy();
          ((ObjectNode) next.get("spec")).putObject("claimRef").put("kind", "PersistentVolumeClaim")
              .put("namespace", Metadata.text(claim, "namespace")).put("name", Metadata.text(claim, "name"))
              .put("uid", Metadata.uid(claim)).put("apiVersion", "v1")
              .put("resourceVersion", Metadata.text(claim, "resourceVersion"));
          Volumes.annotate(next, Volumes.BOUND_BY_CONTROLLER, "yes");
          writes.add(writer.update(new Key("core", "persistentvolumes", "", Metadata.text(volume, "name")), next));
        }
      } else if (!decision.node().equals(Volumes.annotation(claim, Volumes.SELECTED_NODE))) {
        ObjectNode next = claim.deepCopy();
        Volumes.annotate(next, Volumes.SELECTED_NODE, decision.node());
        writes.add(writer.update(new Key("core", "persistentvolumeclaims", Metadata.text(claim, "namespace"),
            Metadata.text(claim, "name")), next));
      }
    });
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
  }
}
