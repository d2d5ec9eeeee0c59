package io.logplane.scheduler.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.Metadata;
import io.logplane.selectors.LabelSelector;
import io.logplane.selectors.SelectorException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A PodDisruptionBudget as preemption reads it: the pods it covers (its namespace, its selector;
 * an empty or invalid selector covers none), the disruptions its status allows, and the pods its
 * status lists as disrupted already (those do not count again).
 */
public record Pdb(String namespace, LabelSelector selector, int disruptionsAllowed, Set<String> disruptedPods) {

  public static Pdb of(JsonNode pdb) {
    LabelSelector selector;
    try {
      selector = LabelSelector.fromJson(pdb.path("spec").get("selector"));
    } catch (SelectorException e) {
      selector = LabelSelector.nothing();
    }
    if (selector.isEverything()) {
      selector = LabelSelector.nothing();
    }
    Set<String> disrupted = new HashSet<>();
    pdb.path("status").path("disruptedPods").fieldNames().forEachRemaining(disrupted::add);
    String ns = Metadata.text(pdb, "namespace");
    return new Pdb(ns == null ? "" : ns, selector, pdb.path("status").path("disruptionsAllowed").asInt(0), disrupted);
  }

  public static List<Pdb> of(List<? extends JsonNode> pdbs) {
    return pdbs.stream().map(Pdb::of).toList();
  }

  /** Whether the budget covers the pod and does not list it as disrupted already. */
  boolean counts(PodInfo pod) {
    return pod.namespace.equals(namespace) && !pod.labels.isEmpty() && selector.matches(pod.labels)
        && !disruptedPods.contains(pod.name);
  }
}
