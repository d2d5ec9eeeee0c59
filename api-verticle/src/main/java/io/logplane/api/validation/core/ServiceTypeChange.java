package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * dropTypeDependentFields of kube-apiserver's Service strategy: when an update changes the type,
 * the fields the new type does not use and the user did not change are dropped (cluster IPs and
 * families for ExternalName, node ports for ClusterIP, ...), so the update is not refused for
 * values the server filled in itself.
 */
final class ServiceTypeChange {

  private ServiceTypeChange() {}

  static void dropUnused(JsonNode oldSpec, ObjectNode spec) {
    String oldType = oldSpec.path("type").asText("");
    String type = spec.path("type").asText("");
    if (!oldType.equals("ExternalName") && type.equals("ExternalName")) {
      boolean sameIps = Objects.equals(text(oldSpec, "clusterIP"), text(spec, "clusterIP"))
          && ServiceIps.strings(oldSpec.path("clusterIPs")).equals(ServiceIps.strings(spec.path("clusterIPs")));
      if (sameIps) {
        spec.remove("clusterIP");
        spec.remove("clusterIPs");
      }
      if (ServiceIps.strings(oldSpec.path("ipFamilies")).equals(ServiceIps.strings(spec.path("ipFamilies")))) {
        spec.remove("ipFamilies");
      }
      if (Objects.equals(text(oldSpec, "ipFamilyPolicy"), text(spec, "ipFamilyPolicy"))) {
        spec.remove("ipFamilyPolicy");
      }
    }
    if (ServiceUpdates.nodePorts(oldType) && !ServiceUpdates.nodePorts(type) && sameNodePorts(oldSpec, spec)) {
      spec.path("ports").forEach(p -> {
        if (p instanceof ObjectNode port) {
          port.remove("nodePort");
        }
      });
    }
    if (ServiceTraffic.needsHealthCheck(oldSpec) && !ServiceTraffic.needsHealthCheck(spec)
        && oldSpec.path("healthCheckNodePort").asLong(0) == spec.path("healthCheckNodePort").asLong(0)) {
      spec.remove("healthCheckNodePort");
    }
    if (oldType.equals("LoadBalancer") && !type.equals("LoadBalancer")) {
      String oldAllocate = text(oldSpec, "allocateLoadBalancerNodePorts");
      if (oldAllocate != null && oldAllocate.equals(text(spec, "allocateLoadBalancerNodePorts"))) {
        spec.remove("allocateLoadBalancerNodePorts");
      }
      if (Objects.equals(text(oldSpec, "loadBalancerClass"), text(spec, "loadBalancerClass"))) {
        spec.remove("loadBalancerClass");
      }
    }
    if (ServiceUpdates.nodePorts(oldType) && !ServiceUpdates.nodePorts(type)
        && Objects.equals(text(oldSpec, "externalTrafficPolicy"), text(spec, "externalTrafficPolicy"))) {
      spec.remove("externalTrafficPolicy");
    }
  }

  /** A field's text, null when it is absent or null (Go's nil pointer or empty string alike). */
  static String text(JsonNode spec, String field) {
    JsonNode n = spec.get(field);
    return n == null || n.isNull() || n.asText().isEmpty() ? null : n.asText();
  }

  /** No node port the stored version did not hold. */
  private static boolean sameNodePorts(JsonNode oldSpec, JsonNode spec) {
    Set<Long> old = new HashSet<>();
    oldSpec.path("ports").forEach(p -> old.add(p.path("nodePort").asLong(0)));
    for (JsonNode p : spec.path("ports")) {
      long n = p.path("nodePort").asLong(0);
      if (n != 0 && !old.contains(n)) {
        return false;
      }
    }
    return true;
  }
}
