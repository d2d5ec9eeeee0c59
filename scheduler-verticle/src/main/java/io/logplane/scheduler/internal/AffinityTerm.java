package io.logplane.scheduler.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.selectors.LabelSelector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A pod (anti-)affinity term: the pods its label selector picks in its namespaces, and the
 * topology key whose domains it speaks of, with the weight of a preferred term (required: 0).
 * Namespaces: those listed, else the owning pod's; an empty namespaceSelector means every
 * namespace. A namespaceSelector with requirements is not evaluated (no namespace cache): it
 * adds no namespace.
 */
public record AffinityTerm(LabelSelector selector, Set<String> namespaces, boolean allNamespaces,
    String topologyKey, int weight) {

  public static List<AffinityTerm> required(JsonNode terms, String ownNamespace) {
    List<AffinityTerm> list = new ArrayList<>();
    terms.forEach(t -> list.add(of(t, ownNamespace, 0)));
    return list;
  }

  public static List<AffinityTerm> preferred(JsonNode terms, String ownNamespace) {
    List<AffinityTerm> list = new ArrayList<>();
    terms.forEach(t -> list.add(of(t.path("podAffinityTerm"), ownNamespace, t.path("weight").asInt())));
    return list;
  }

  static AffinityTerm of(JsonNode t, String ownNamespace, int weight) {
    Set<String> ns = new HashSet<>();
    t.path("namespaces").forEach(n -> ns.add(n.asText()));
    JsonNode nsSelector = t.get("namespaceSelector");
    boolean all = nsSelector != null && nsSelector.isObject() && nsSelector.path("matchLabels").isEmpty()
        && nsSelector.path("matchExpressions").isEmpty();
    if (ns.isEmpty() && (nsSelector == null || nsSelector.isNull())) {
      ns.add(ownNamespace);
    }
    LabelSelector selector;
    try {
      selector = LabelSelector.fromJson(t.get("labelSelector"));
    } catch (RuntimeException e) {
      selector = LabelSelector.nothing();
    }
    return new AffinityTerm(selector, ns, all, t.path("topologyKey").asText(), weight);
  }

  public boolean matches(PodInfo pod) {
    return (allNamespaces || namespaces.contains(pod.namespace)) && selector.matches(pod.labels);
  }

  /** Whether the term's domain holds both nodes (the same value of the topology key). */
  public boolean sameDomain(NodeInfo a, NodeInfo b) {
    String va = a.label(topologyKey);
    return va != null && va.equals(b.label(topologyKey));
  }
}
