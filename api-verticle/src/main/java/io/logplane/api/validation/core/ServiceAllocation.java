package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What kube-apiserver's Service storage refuses before validation runs, while it initializes the
 * IP families and allocates (initIPFamilyFields, allocClusterIPs, initNodePorts): its errors are
 * the whole answer. Whether a requested address or port is free is the state machine's to
 * decide, as it allocates them; here only what the request alone tells.
 */
final class ServiceAllocation {

  private final ServiceRanges ranges;

  ServiceAllocation(ServiceRanges ranges) {
    this.ranges = ranges;
  }

  /** Adds what the allocation refuses; true when it passes and validation proper comes next. */
  boolean check(JsonNode spec, JsonNode oldSpec, FieldErrors errors) {
    String type = spec.path("type").asText("");
    if (type.equals("ExternalName")) {
      return true;
    }
    FieldErrors found = new FieldErrors();
    List<String> ips = ServiceIps.of(spec);
    ServiceIps.validate(spec, type, ips, found);
    if (found.isEmpty()) {
      families(spec, ips, found);
    }
    if (found.isEmpty() && !ServiceIps.headless(ips) && !needsIp(oldSpec)) {
      clusterIp(spec, ips, found);
    }
    if (found.isEmpty() && (type.equals("NodePort") || type.equals("LoadBalancer"))) {
      nodePorts(spec, oldSpec, found);
    }
    errors.addAll(found);
    return found.isEmpty();
  }

  private static boolean needsIp(JsonNode oldSpec) {
    return oldSpec != null && !oldSpec.path("type").asText("").equals("ExternalName");
  }

  private void families(JsonNode spec, List<String> ips, FieldErrors errors) {
    String policy = spec.path("ipFamilyPolicy").asText("SingleStack");
    List<String> families = ServiceIps.strings(spec.path("ipFamilies"));
    if (policy.equals("SingleStack") && ips.size() == 2) {
      errors.invalid("spec.ipFamilyPolicy", policy,
          "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified");
    }
    if (policy.equals("SingleStack") && families.size() == 2) {
      errors.invalid("spec.ipFamilyPolicy", policy,
          "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified");
    }
    for (int i = families.size(); i < ips.size() && !ips.get(i).equals(ServiceIps.NONE); i++) {
      String family = IpAddresses.family(ips.get(i));
      if (!family.equals(ranges.family())) {
        errors.invalid("spec.clusterIPs[" + i + "]", ips, family + " is not configured on this cluster");
      }
    }
    boolean headlessWithoutSelector = spec.path("clusterIP").asText("").equals(ServiceIps.NONE)
        && spec.path("selector").isEmpty();
    if (!errors.isEmpty() || headlessWithoutSelector) {
      return;
    }
    if (policy.equals("RequireDualStack")) {
      errors.invalid("spec.ipFamilyPolicy", policy, "this cluster is not configured for dual-stack services");
    }
    for (int i = 0; i < families.size(); i++) {
      if (!families.get(i).equals(ranges.family())) {
        errors.invalid("spec.ipFamilies[" + i + "]", families.get(i), "not configured on this cluster");
      }
    }
  }

  /** The primary address, when requested, must be one the allocator hands out. */
  private void clusterIp(JsonNode spec, List<String> ips, FieldErrors errors) {
    if (ips.isEmpty() || ips.get(0).isEmpty()) {
      return;
    }
    String ip = ips.get(0);
    if (!ranges.allocatable(IpAddresses.parse(ip).orElseThrow())) {
      errors.invalid("spec.clusterIPs", ips, "failed to allocate IP " + ip + ": the provided IP (" + ip
          + ") is not in the valid range. The range of valid IPs is " + ranges.cidrText());
    }
  }

  /** Requested node ports (those the stored version does not hold already) must be in range. */
  private void nodePorts(JsonNode spec, JsonNode oldSpec, FieldErrors errors) {
    Set<Long> held = new HashSet<>();
    if (oldSpec != null) {
      oldSpec.path("ports").forEach(p -> held.add(p.path("nodePort").asLong(0)));
    }
    JsonNode ports = spec.path("ports");
    for (int i = 0; i < ports.size(); i++) {
      long port = ports.get(i).path("nodePort").asLong(0);
      if (port != 0 && !held.contains(port) && !ranges.nodePortInRange(port)) {
        errors.invalid("spec.ports[" + i + "].nodePort", port,
            "provided port is not in the valid range. The range of valid ports is " + ranges.nodePorts());
        return;
      }
    }
  }
}
