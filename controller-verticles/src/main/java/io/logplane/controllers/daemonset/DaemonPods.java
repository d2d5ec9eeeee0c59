package io.logplane.controllers.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.history.Revisions;
import io.logplane.projections.DefaultTolerations;
import io.logplane.projections.Metadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A DaemonSet's pods: made from its template for one node, grouped by the node they are for. Pure. */
final class DaemonPods {

  /** The label of the template generation kube's API server counted (deprecated, still read). */
  static final String GENERATION_LABEL = "pod-template-generation";
  static final String GENERATION_ANNOTATION = "deprecated.daemonset.template.generation";

  /** Bound pods first, then the oldest, then by name ({@code podByCreationTimestampAndPhase}). */
  static final Comparator<JsonNode> OLDEST_BOUND_FIRST = Comparator
      .comparing((JsonNode p) -> p.path("spec").path("nodeName").asText("").isEmpty())
      .thenComparing(p -> Metadata.text(p, "creationTimestamp"), Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(p -> Metadata.text(p, "name"));

  private DaemonPods() {}

  /** The pods by the node they are for (bound to, or pinned to by affinity), each list oldest bound first. */
  static Map<String, List<ObjectNode>> byNode(List<ObjectNode> pods) {
    Map<String, List<ObjectNode>> byNode = new TreeMap<>();
    for (ObjectNode p : pods) {
      String node = Affinity.targetNode(p);
      if (!node.isEmpty()) {
        byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(p);
      }
    }
    byNode.values().forEach(l -> l.sort(OLDEST_BOUND_FIRST));
    return byNode;
  }

  /** A pod of the DaemonSet's template for the node, labelled with the revision's hash ({@code CreatePodTemplate}). */
  static ObjectNode newPod(JsonNode ds, String node, String hash) {
    JsonNode template = ds.path("spec").path("template");
    ObjectNode pod = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode meta = pod.putObject("metadata");
    meta.put("generateName", Metadata.text(ds, "name") + "-").put("namespace", Metadata.text(ds, "namespace"));
    ObjectNode labels = template.path("metadata").path("labels") instanceof ObjectNode l ? l.deepCopy() : meta.objectNode();
    String generation = generation(ds);
    if (generation != null) {
      labels.put(GENERATION_LABEL, generation);
    }
    labels.put(Revisions.REVISION_LABEL, hash);
    meta.set("labels", labels);
    for (String field : new String[] {"annotations", "finalizers"}) {
      if (template.path("metadata").has(field)) {
        meta.set(field, template.path("metadata").get(field).deepCopy());
      }
    }
    meta.putArray("ownerReferences").add(Revisions.controllerRef(ds, "DaemonSet"));
    ObjectNode spec = template.path("spec") instanceof ObjectNode s ? s.deepCopy() : pod.objectNode();
    spec.set("tolerations", NodeFit.tolerations(spec));
    DefaultTolerations.apply(spec);
    Affinity.pin(spec, node);
    pod.set("spec", spec);
    pod.putObject("status").put("phase", "Pending");
    return pod;
  }

  /** Whether the pod is of the current template: its hash, or its template generation ({@code IsPodUpdated}). */
  static boolean updated(JsonNode pod, String hash, String generation) {
    JsonNode labels = pod.path("metadata").path("labels");
    return !hash.isEmpty() && hash.equals(labels.path(Revisions.REVISION_LABEL).asText(null))
        || generation != null && generation.equals(labels.path(GENERATION_LABEL).asText(null));
  }

  static String generation(JsonNode ds) {
    JsonNode g = ds.path("metadata").path("annotations").get(GENERATION_ANNOTATION);
    return g == null ? null : g.asText();
  }
}
