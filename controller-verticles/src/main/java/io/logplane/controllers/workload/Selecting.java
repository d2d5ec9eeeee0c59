package io.logplane.controllers.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import io.logplane.projections.informers.Informer;
import io.logplane.selectors.LabelSelector;
import io.logplane.selectors.SelectorException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Which owners a change to a dependent concerns, as the workload controllers' pod handlers say
 * it: its controller when that is of the owners' kind, none when another kind controls it, and
 * for an orphan every owner of its namespace selecting it (any may adopt it). As kube's listers
 * ({@code GetPodReplicaSets}, {@code GetPodDaemonSets}), an owner whose selector is empty or
 * invalid selects nothing. Run on the applying thread: cache reads only.
 */
public final class Selecting {

  private final Informer owners;
  private final String kind;
  private final Function<JsonNode, LabelSelector> selector;

  /**
   * Owners of the kind ({@code DaemonSet}) in the informer (indexed by namespace here), each
   * selecting by {@code selector}, which may throw a {@link SelectorException}.
   */
  public Selecting(Informer owners, String kind, Function<JsonNode, LabelSelector> selector) {
    this.owners = Indexes.byNamespace(owners);
    this.kind = kind;
    this.selector = selector;
  }

  /** Owners selecting by their {@code spec.selector}, a {@code metav1.LabelSelector}. */
  public Selecting(Informer owners, String kind) {
    this(owners, kind, o -> LabelSelector.fromJson(o.path("spec").path("selector")));
  }

  /** The keys of the owners the dependent concerns. */
  public List<String> ownersOf(ObjectNode dependent) {
    String ns = Metadata.text(dependent, "namespace");
    String owner = Owners.controllerName(dependent, kind);
    if (owner != null) {
      return List.of(owners.prefix() + ns + "/" + owner);
    }
    if (Owners.controllerRef(dependent) != null) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    for (ObjectNode o : owners.byIndex(Indexes.NAMESPACE, ns)) {
      try {
        LabelSelector s = selector.apply(o);
        if (!s.isEverything() && s.matches(dependent.path("metadata").path("labels"))) {
          keys.add(owners.prefix() + ns + "/" + Metadata.text(o, "name"));
        }
      } catch (SelectorException e) {
        // Its own pass reports the bad selector.
      }
    }
    return keys;
  }
}
