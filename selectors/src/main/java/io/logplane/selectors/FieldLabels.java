package io.logplane.selectors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Which fields each kind can be selected by, and how each field's value is read from an object
 * (the kube-apiserver's field label conversion functions and {@code ToSelectableFields}). A
 * field absent from the object reads as the empty string, so {@code spec.nodeName=} selects
 * unscheduled pods as it does on a kube-apiserver.
 */
final class FieldLabels {

  /** The fields of one kind, and the message for a field it does not have. */
  record Fields(Map<String, Function<JsonNode, String>> readers, String unsupportedFormat) {

    String unsupported(String field) {
      return unsupportedFormat.replace("%s", field).replace("%q", LabelValidation.goQuote(field));
    }
  }

  private static final String NOT_SUPPORTED = "field label not supported: %s";
  private static final String DEFAULT_MESSAGE =
      "%q is not a known field selector: only \"metadata.name\", \"metadata.namespace\"";

  private FieldLabels() {}

  /** The selectable fields of a kind; kinds not listed get metadata.name and metadata.namespace. */
  static Fields forKind(String group, String kind) {
    if (group.equals("events.k8s.io") && kind.equals("Event")) {
      return new Fields(EventFields.eventsV1(), NOT_SUPPORTED);
    }
    Map<String, Function<JsonNode, String>> m = new LinkedHashMap<>();
    m.put("metadata.name", o -> text(o, "metadata", "name"));
    if (!"Namespace".equals(kind) && !"Node".equals(kind)) {
      m.put("metadata.namespace", o -> text(o, "metadata", "namespace"));
    }
    switch (kind) {
      case "Pod" -> {
        m.put("spec.nodeName", o -> text(o, "spec", "nodeName"));
        m.put("spec.restartPolicy", o -> text(o, "spec", "restartPolicy"));
        m.put("spec.schedulerName", o -> text(o, "spec", "schedulerName"));
        m.put("spec.serviceAccountName", o -> text(o, "spec", "serviceAccountName"));
        m.put("spec.hostNetwork", o -> String.valueOf(o.path("spec").path("hostNetwork").asBoolean(false)));
        m.put("status.phase", o -> text(o, "status", "phase"));
        m.put("status.podIP", FieldLabels::podIp);
        m.put("status.podIPs", FieldLabels::podIps);
        m.put("status.nominatedNodeName", o -> text(o, "status", "nominatedNodeName"));
        m.put("spec.host", m.get("spec.nodeName")); // old clients' name for spec.nodeName
        return new Fields(m, NOT_SUPPORTED);
      }
      case "Event" -> {
        EventFields.addTo(m);
        return new Fields(m, NOT_SUPPORTED);
      }
      case "Secret" -> m.put("type", o -> text(o, "type"));
      case "Service" -> {
        m.put("spec.clusterIP", o -> text(o, "spec", "clusterIP"));
        m.put("spec.type", o -> text(o, "spec", "type"));
      }
      case "Namespace" -> m.put("status.phase", o -> text(o, "status", "phase"));
      case "Node" -> m.put("spec.unschedulable",
          o -> String.valueOf(o.path("spec").path("unschedulable").asBoolean(false)));
      case "ReplicationController", "ReplicaSet" ->
          m.put("status.replicas", o -> String.valueOf(o.path("status").path("replicas").asLong(0)));
      case "Job" -> {
        m.put("status.successful", o -> String.valueOf(o.path("status").path("succeeded").asLong(0)));
        return new Fields(m, "field label %q not supported for batchv1.Job");
      }
      default -> {
        return new Fields(m, DEFAULT_MESSAGE);
      }
    }
    return new Fields(m, NOT_SUPPORTED);
  }

  private static String podIp(JsonNode pod) {
    JsonNode ips = pod.path("status").path("podIPs");
    return ips.size() > 0 ? ips.get(0).path("ip").asText("") : text(pod, "status", "podIP");
  }

  private static String podIps(JsonNode pod) {
    StringBuilder b = new StringBuilder();
    for (JsonNode ip : pod.path("status").path("podIPs")) {
      b.append(b.length() > 0 ? "," : "").append(ip.path("ip").asText(""));
    }
    return b.toString();
  }

  /** The text at a path, or "" when any step is missing. */
  static String text(JsonNode o, String... path) {
    JsonNode n = o;
    for (String p : path) {
      n = n.path(p);
    }
    return n.isValueNode() ? n.asText() : "";
  }
}
