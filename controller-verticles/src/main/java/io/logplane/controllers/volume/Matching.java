package io.logplane.controllers.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Quantity;
import io.logplane.selectors.LabelSelector;
import io.logplane.selectors.SelectorException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Which volume a claim binds to, as kube's findMatchingVolume: a volume pre-bound to the claim
 * (of size enough) wins; else, unless binding waits for the first consumer (the scheduler then
 * picks), the smallest Available, unclaimed volume of the claim's class and volume mode, with
 * the labels its selector asks, at least the storage it requests and every access mode it asks.
 * Pure.
 */
public final class Matching {

  private Matching() {}

  /** The volume to bind, or null when none matches (or the claim's selector is invalid). */
  public static ObjectNode best(JsonNode claim, Collection<ObjectNode> volumes, boolean delayBinding) {
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
      if (!Volumes.volumeMode(volume).equals(Volumes.volumeMode(claim))) {
        continue;
      }
      Quantity capacity = capacity(volume);
      if (Volumes.boundToClaim(volume, claim)) {
        if (capacity.compareTo(requested) >= 0) {
          return volume;
        }
        continue;
      }
      if (delayBinding || Volumes.claimRef(volume) != null || !"Available".equals(Volumes.phase(volume))
          || (selector != null && !selector.matches(volume.path("metadata").path("labels")))
          || !Volumes.volumeClass(volume).equals(Volumes.claimClass(claim))
          || capacity.compareTo(requested) < 0 || !accessModes(volume).containsAll(accessModes(claim))) {
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
