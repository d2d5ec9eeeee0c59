package io.logplane.projections.volumes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import io.logplane.projections.Quantity;
import io.logplane.selectors.LabelSelector;
import io.logplane.selectors.SelectorException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which volume a claim binds to, as kube's FindMatchingVolume (shared there too by the binder and
 * the scheduler): a volume pre-bound to the claim (of size enough) wins; else, unless binding
 * waits for the first consumer and no node is chosen yet, the smallest Available, unclaimed volume
 * of the claim's class and volume mode, with the labels its selector asks, at least the storage
 * it requests and every access mode it asks, and on the scheduler's path one whose node affinity
 * the node meets. Volumes being deleted are skipped. Pure.
 */
public final class VolumeMatching {

  private VolumeMatching() {}

  /** The volume to bind, or null when none matches (or the claim's selector is invalid). */
  public static ObjectNode best(JsonNode claim, Collection<ObjectNode> volumes, boolean delayBinding) {
    return find(claim, volumes, delayBinding, null, Set.of());
  }

  /**
   * The scheduler's question for a claim whose binding waited for its first consumer: the volume
   * it would bind to on a node, one whose node affinity {@code onNode} accepts, none of {@code
   * excluded} (taken by the pod's other claims); null when none.
   */
  public static ObjectNode onNode(JsonNode claim, Collection<ObjectNode> volumes, Predicate<JsonNode> onNode,
      Set<String> excluded) {
    return find(claim, volumes, true, onNode, excluded);
  }

  /** As FindMatchingVolume; {@code onNode} null when no node is chosen (the binder's path). */
  private static ObjectNode find(JsonNode claim, Collection<ObjectNode> volumes, boolean delayBinding,
      Predicate<JsonNode> onNode, Set<String> excluded) {
    LabelSelector selector;
    try {
      JsonNode s = claim.path("spec").get("selector");
      selector = s == null || s.isNull() ? null : LabelSelector.fromJson(s);
    } catch (SelectorException e) {
      return null;
    }
    Quantity requested = requested(claim);
    ObjectNode best = null;
    for (ObjectNode volume : volumes) {
      if (excluded.contains(Metadata.text(volume, "name"))
          || Volumes.claimRef(volume) != null && !Volumes.boundToClaim(volume, claim)) {
        continue;
      }
      Quantity capacity = capacity(volume);
      if (capacity.compareTo(requested) < 0 || !Volumes.volumeMode(volume).equals(Volumes.volumeMode(claim))
          || Metadata.terminating(volume)) {
        continue;
      }
      boolean fitsNode = onNode == null || onNode.test(volume);
      if (Volumes.boundToClaim(volume, claim)) {
        return fitsNode ? volume : null;
      }
      if (onNode == null && delayBinding || Volumes.claimRef(volume) != null
          || !"Available".equals(Volumes.phase(volume))
          || (selector != null && !selector.matches(volume.path("metadata").path("labels")))
          || !Volumes.volumeClass(volume).equals(Volumes.claimClass(claim))
          || !fitsNode || !accessModes(volume).containsAll(accessModes(claim))) {
        continue;
      }
      if (best == null || capacity.compareTo(capacity(best)) < 0) {
        best = volume;
      }
    }
    return best;
  }

  /**
   * Why a volume named by the claim cannot be bound to it, as checkVolumeSatisfyClaim, or null
   * when it can.
   */
  public static String unsatisfied(JsonNode volume, JsonNode claim) {
    if (capacity(volume).compareTo(requested(claim)) < 0) {
      return "requested PV is too small";
    }
    if (!Volumes.volumeClass(volume).equals(Volumes.claimClass(claim))) {
      return "storageClassName does not match";
    }
    if (!Volumes.volumeMode(volume).equals(Volumes.volumeMode(claim))) {
      return "incompatible volumeMode";
    }
    if (!accessModes(volume).containsAll(accessModes(claim))) {
      return "incompatible accessMode";
    }
    return null;
  }

  public static Quantity requested(JsonNode claim) {
    JsonNode q = claim.path("spec").path("resources").path("requests").get("storage");
    return q == null ? Quantity.ZERO : Quantity.of(q);
  }

  public static Quantity capacity(JsonNode volume) {
    JsonNode q = volume.path("spec").path("capacity").get("storage");
    return q == null ? Quantity.ZERO : Quantity.of(q);
  }

  private static Set<String> accessModes(JsonNode o) {
    Set<String> modes = new HashSet<>();
    o.path("spec").path("accessModes").forEach(m -> modes.add(m.asText()));
    return modes;
  }
}
