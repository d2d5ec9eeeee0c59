package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Service's update: first what kube-apiserver's storage and strategy change in the new version
 * (allocated values a client left out are kept, clusterIPs follow a changed clusterIP, fields a
 * type change no longer uses are dropped: patchAllocatedValues, normalizeClusterIPs,
 * dropTypeDependentFields), then ValidateServiceUpdate's rules (a primary cluster IP never changes).
 */
final class ServiceUpdates {

  private ServiceUpdates() {}

  static void prepare(JsonNode oldSpec, ObjectNode spec) {
    String oldType = oldSpec.path("type").asText("");
    String type = spec.path("type").asText("");
    if (!oldType.equals("ExternalName") && !type.equals("ExternalName")) {
      if (spec.path("clusterIP").asText("").isEmpty() && oldSpec.has("clusterIP")) {
        spec.set("clusterIP", oldSpec.get("clusterIP"));
      }
      if (spec.path("clusterIPs").isEmpty() && !oldSpec.path("clusterIPs").isEmpty()) {
        spec.set("clusterIPs", oldSpec.get("clusterIPs").deepCopy());
      }
    }
    if (nodePorts(oldType) && nodePorts(type)) {
      keepNodePorts(oldSpec, spec);
    }
    if (ServiceTraffic.needsHealthCheck(oldSpec) && ServiceTraffic.needsHealthCheck(spec)
        && spec.path("healthCheckNodePort").asLong(0) == 0 && oldSpec.has("healthCheckNodePort")) {
      spec.set("healthCheckNodePort", oldSpec.get("healthCheckNodePort"));
    }
    String oldIp = oldSpec.path("clusterIP").asText("");
    String ip = spec.path("clusterIP").asText("");
    List<String> oldIps = ServiceIps.strings(oldSpec.path("clusterIPs"));
    if (!oldIps.isEmpty() && spec.path("clusterIPs").isEmpty() && oldIp.equals(ip)) {
      spec.set("clusterIPs", oldSpec.get("clusterIPs").deepCopy());
    }
    boolean samePlural = oldIps.equals(ServiceIps.strings(spec.path("clusterIPs")));
    if (!oldIp.equals(ip) && samePlural) {
      if (ip.isEmpty()) {
        spec.remove("clusterIPs");
      } else {
        spec.putArray("clusterIPs").add(ip);
      }
    }
    ServiceTypeChange.dropUnused(oldSpec, spec);
  }

  static boolean nodePorts(String type) {
    return type.equals("NodePort") || type.equals("LoadBalancer");
  }

  /** Ports without a node port take the one of the stored port of the same name, unless taken. */
  private static void keepNodePorts(JsonNode oldSpec, ObjectNode spec) {
    Set<Long> used = new HashSet<>();
    Set<Long> newPorts = new HashSet<>();
    spec.path("ports").forEach(p -> newPorts.add(p.path("nodePort").asLong(0)));
    Map<String, Long> byName = new HashMap<>();
    for (JsonNode p : oldSpec.path("ports")) {
      long n = p.path("nodePort").asLong(0);
      if (n != 0 && newPorts.contains(n)) {
        used.add(n);
      }
      byName.put(p.path("name").asText(""), n);
    }
    for (JsonNode p : spec.path("ports")) {
      long old = byName.getOrDefault(p.path("name").asText(""), 0L);
      if (p instanceof ObjectNode port && port.path("nodePort").asLong(0) == 0 && old != 0 && !used.contains(old)) {
        port.put("nodePort", old);
      }
    }
  }

  /** validateUpgradeDowngradeClusterIPs, on a single-stack cluster; then the load balancer class and health check port. */
  static void check(JsonNode oldSpec, JsonNode spec, FieldErrors errors) {
    boolean externalName = oldSpec.path("type").asText("").equals("ExternalName")
        || spec.path("type").asText("").equals("ExternalName");
    List<String> oldIps = ServiceIps.strings(oldSpec.path("clusterIPs"));
    List<String> ips = ServiceIps.strings(spec.path("clusterIPs"));
    boolean bothHeadless = ServiceIps.headless(oldIps) && ServiceIps.headless(ips);
    if (!externalName && !bothHeadless) {
      if (oldIps.size() == ips.size()) {
        for (int i = 0; i < oldIps.size(); i++) {
          if (!oldIps.get(i).equals(ips.get(i))) {
            errors.invalid("spec.clusterIPs[" + i + "]", ips, "may not change once set");
          }
        }
      } else if (ips.isEmpty()) {
        errors.invalid("spec.clusterIPs[0]", ips, "primary clusterIP can not be unset");
      } else if (!oldIps.isEmpty() && !oldIps.get(0).equals(ips.get(0))) {
        errors.invalid("spec.clusterIPs[0]", ips, "may not change once set");
      }
    }
    boolean balancers = oldSpec.path("type").asText("").equals("LoadBalancer")
        && spec.path("type").asText("").equals("LoadBalancer");
    String oldClass = ServiceTypeChange.text(oldSpec, "loadBalancerClass");
    if (balancers && !java.util.Objects.equals(oldClass, ServiceTypeChange.text(spec, "loadBalancerClass"))) {
      errors.invalid("spec.loadBalancerClass", spec.get("loadBalancerClass"), "may not change once set");
    }
    if (ServiceTraffic.needsHealthCheck(oldSpec) && ServiceTraffic.needsHealthCheck(spec)
        && oldSpec.path("healthCheckNodePort").asLong(0) != spec.path("healthCheckNodePort").asLong(0)) {
      errors.forbidden("spec.healthCheckNodePort", "field is immutable");
    }
  }
}
