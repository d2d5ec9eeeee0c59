package io.logplane.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The defaults of the core group's Service, PersistentVolume(Claim) and LimitRange, as
 * SetDefaults_Service, SetDefaults_PersistentVolumeClaim(Spec) and SetDefaults_LimitRangeItem
 * write them (and the IP families kube-apiserver's allocator fills in on a single-stack cluster).
 */
final class CoreDefaults {

  /** DefaultClientIPServiceAffinitySeconds: three hours. */
  static final int CLIENT_IP_TIMEOUT_SECONDS = 10800;

  private CoreDefaults() {}

  static void service(ObjectNode spec) {
    if (spec.path("sessionAffinity").asText("").isEmpty()) {
      spec.put("sessionAffinity", "None");
    }
    String affinity = spec.path("sessionAffinity").asText();
    if (affinity.equals("None")) {
      spec.remove("sessionAffinityConfig");
    } else if (affinity.equals("ClientIP") && !spec.path("sessionAffinityConfig").path("clientIP")
        .hasNonNull("timeoutSeconds")) {
      spec.putObject("sessionAffinityConfig").putObject("clientIP").put("timeoutSeconds", CLIENT_IP_TIMEOUT_SECONDS);
    }
    if (spec.path("type").asText("").isEmpty()) {
      spec.put("type", "ClusterIP");
    }
    String type = spec.path("type").asText();
    for (JsonNode p : spec.path("ports")) {
      if (p instanceof ObjectNode port) {
        if (port.path("protocol").asText("").isEmpty()) {
          port.put("protocol", "TCP");
        }
        JsonNode target = port.path("targetPort");
        if ((target.isMissingNode() || target.isNull() || target.asText().equals("0") || target.asText().isEmpty())
            && port.has("port")) {
          port.set("targetPort", port.get("port"));
        }
      }
    }
    boolean nodePorts = type.equals("NodePort") || type.equals("LoadBalancer");
    if (nodePorts && spec.path("externalTrafficPolicy").asText("").isEmpty()) {
      spec.put("externalTrafficPolicy", "Cluster");
    }
    if (!spec.hasNonNull("internalTrafficPolicy") && (nodePorts || type.equals("ClusterIP"))) {
      spec.put("internalTrafficPolicy", "Cluster");
    }
    if (type.equals("LoadBalancer") && !spec.hasNonNull("allocateLoadBalancerNodePorts")) {
      spec.put("allocateLoadBalancerNodePorts", true);
    }
    if (!type.equals("ExternalName")) {
      if (!spec.has("ipFamilies")) {
        spec.putArray("ipFamilies").add("IPv4");
      }
      if (!spec.hasNonNull("ipFamilyPolicy")) {
        spec.put("ipFamilyPolicy", "SingleStack");
      }
    }
  }

  static void persistentVolumeClaim(ObjectNode claim) {
    ObjectNode spec = claim.path("spec") instanceof ObjectNode s ? s : claim.putObject("spec");
    if (!spec.hasNonNull("volumeMode")) {
      spec.put("volumeMode", "Filesystem");
    }
    ObjectNode status = claim.path("status") instanceof ObjectNode s ? s : claim.putObject("status");
    if (status.path("phase").asText("").isEmpty()) {
      status.put("phase", "Pending");
    }
  }

  /** As SetDefaults_PersistentVolume: Retain, Filesystem, and Pending until the binder looks at it. */
  static void persistentVolume(ObjectNode volume) {
    ObjectNode spec = volume.path("spec") instanceof ObjectNode s ? s : volume.putObject("spec");
    if (!spec.hasNonNull("persistentVolumeReclaimPolicy")) {
      spec.put("persistentVolumeReclaimPolicy", "Retain");
    }
    if (!spec.hasNonNull("volumeMode")) {
      spec.put("volumeMode", "Filesystem");
    }
    ObjectNode status = volume.path("status") instanceof ObjectNode s ? s : volume.putObject("status");
    if (status.path("phase").asText("").isEmpty()) {
      status.put("phase", "Pending");
    }
  }

  /** A Container limit's default is its max, its default request its default, else its min. */
  static void limitRange(ObjectNode range) {
    for (JsonNode l : range.path("spec").path("limits")) {
      if (l instanceof ObjectNode limit && limit.path("type").asText("").equals("Container")) {
        ObjectNode limits = map(limit, "default");
        ObjectNode requests = map(limit, "defaultRequest");
        copyAbsent(limit.path("max"), limits);
        copyAbsent(limits, requests);
        copyAbsent(limit.path("min"), requests);
      }
    }
  }

  private static ObjectNode map(ObjectNode parent, String field) {
    return parent.path(field) instanceof ObjectNode o ? o : parent.putObject(field);
  }

  private static void copyAbsent(JsonNode from, ObjectNode to) {
    List<Map.Entry<String, JsonNode>> entries = new java.util.ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext();) {
      entries.add(it.next());
    }
    for (Map.Entry<String, JsonNode> e : entries) {
      if (!to.has(e.getKey())) {
        to.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }
}
