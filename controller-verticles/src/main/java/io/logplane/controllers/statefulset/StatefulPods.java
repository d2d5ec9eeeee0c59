package io.logplane.controllers.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.history.PodState;
import io.logplane.controllers.history.Revisions;
import io.logplane.projections.DefaultTolerations;
import io.logplane.projections.Metadata;
import java.util.ArrayList;
import java.util.List;

/** A StatefulSet's pods and claims by ordinal, as kube's stateful_set_utils make them. Pure. */
final class StatefulPods {

  static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
  static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

  private StatefulPods() {}

  /** The ordinal of a pod named {@code <set>-<n>}, or -1. */
  static int ordinal(JsonNode set, JsonNode pod) {
    String prefix = Metadata.text(set, "name") + "-";
    String name = Metadata.text(pod, "name");
    if (!name.startsWith(prefix) || !name.substring(prefix.length()).matches("0|[1-9][0-9]{0,8}")) {
      return -1;
    }
    return Integer.parseInt(name.substring(prefix.length()));
  }

  static String podName(JsonNode set, int ordinal) {
    return Metadata.text(set, "name") + "-" + ordinal;
  }

  static String claimName(JsonNode set, JsonNode claimTemplate, int ordinal) {
    return Metadata.text(claimTemplate, "name") + "-" + Metadata.text(set, "name") + "-" + ordinal;
  }

  /** The pod of the ordinal from the set's template, labelled with the revision ({@code newStatefulSetPod}). */
  static ObjectNode newPod(JsonNode set, int ordinal, String revision) {
    JsonNode template = set.path("spec").path("template");
    ObjectNode pod = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode meta = pod.putObject("metadata");
    String name = podName(set, ordinal);
    meta.put("name", name).put("namespace", Metadata.text(set, "namespace"));
    ObjectNode labels = template.path("metadata").path("labels") instanceof ObjectNode l ? l.deepCopy() : meta.objectNode();
    labels.put(POD_NAME_LABEL, name).put(POD_INDEX_LABEL, Integer.toString(ordinal)).put(Revisions.REVISION_LABEL, revision);
    meta.set("labels", labels);
    for (String field : new String[] {"annotations", "finalizers"}) {
      if (template.path("metadata").has(field)) {
        meta.set(field, template.path("metadata").get(field).deepCopy());
      }
    }
    meta.putArray("ownerReferences").add(Revisions.controllerRef(set, "StatefulSet"));
    ObjectNode spec = template.path("spec") instanceof ObjectNode s ? s.deepCopy() : pod.objectNode();
    spec.put("hostname", name);
    String service = set.path("spec").path("serviceName").asText("");
    if (!service.isEmpty()) {
      spec.put("subdomain", service);
    }
    ArrayNode volumes = JsonNodeFactory.instance.arrayNode();
    List<String> claimed = new ArrayList<>();
    for (JsonNode claim : set.path("spec").path("volumeClaimTemplates")) {
      claimed.add(Metadata.text(claim, "name"));
      volumes.addObject().put("name", Metadata.text(claim, "name")).putObject("persistentVolumeClaim")
          .put("claimName", claimName(set, claim, ordinal));
    }
    for (JsonNode v : spec.path("volumes")) {
      if (!claimed.contains(v.path("name").asText())) {
        volumes.add(v);
      }
    }
    if (!volumes.isEmpty()) {
      spec.set("volumes", volumes);
    }
    DefaultTolerations.apply(spec); // the API's admission, which this write does not pass
    pod.set("spec", spec);
    pod.putObject("status").put("phase", "Pending");
    return pod;
  }

  /** The claims the pod of the ordinal mounts, labelled with the set's matchLabels. */
  static List<ObjectNode> claims(JsonNode set, int ordinal) {
    List<ObjectNode> claims = new ArrayList<>();
    for (JsonNode template : set.path("spec").path("volumeClaimTemplates")) {
      ObjectNode claim = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "PersistentVolumeClaim");
      ObjectNode meta = claim.putObject("metadata").put("name", claimName(set, template, ordinal))
          .put("namespace", Metadata.text(set, "namespace"));
      ObjectNode labels = template.path("metadata").path("labels") instanceof ObjectNode l ? l.deepCopy() : meta.objectNode();
      set.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
      meta.set("labels", labels);
      if (template.path("metadata").has("annotations")) {
        meta.set("annotations", template.path("metadata").get("annotations").deepCopy());
      }
      if ("Delete".equals(set.path("spec").path("persistentVolumeClaimRetentionPolicy").path("whenDeleted").asText())) {
        // an owner, not a controller, as setOwnerRef writes it: the garbage collector deletes the claim with the set
        ObjectNode ref = Revisions.controllerRef(set, "StatefulSet");
        ref.remove("controller");
        ref.remove("blockOwnerDeletion");
        meta.putArray("ownerReferences").add(ref);
      }
      ObjectNode spec = template.path("spec") instanceof ObjectNode s ? s.deepCopy() : claim.objectNode();
      if (!spec.has("volumeMode")) {
        spec.put("volumeMode", "Filesystem");
      }
      claim.set("spec", spec);
      claim.putObject("status").put("phase", "Pending");
      claims.add(claim);
    }
    return claims;
  }

  static String revision(JsonNode pod) {
    return pod.path("metadata").path("labels").path(Revisions.REVISION_LABEL).asText("");
  }

  /** Created: it has a phase ({@code isCreated}); a pod only planned has none yet. */
  static boolean created(JsonNode pod) {
    return !PodState.phase(pod).isEmpty() && Metadata.uid(pod) != null;
  }

  static boolean runningAndReady(JsonNode pod) {
    return "Running".equals(PodState.phase(pod)) && PodState.ready(pod);
  }

  static boolean healthy(JsonNode pod) {
    return runningAndReady(pod) && !PodState.terminating(pod);
  }

  /** Its name, namespace and identity labels are the ordinal's ({@code identityMatches}). */
  static boolean identityMatches(JsonNode set, JsonNode pod) {
    int o = ordinal(set, pod);
    return o >= 0 && Metadata.text(pod, "name").equals(pod.path("metadata").path("labels").path(POD_NAME_LABEL).asText())
        && Integer.toString(o).equals(pod.path("metadata").path("labels").path(POD_INDEX_LABEL).asText());
  }
}
