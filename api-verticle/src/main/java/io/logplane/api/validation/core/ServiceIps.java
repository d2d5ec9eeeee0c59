package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Service's clusterIP, clusterIPs, ipFamilies and ipFamilyPolicy as
 * ValidateServiceClusterIPsRelatedFields checks them, on the clusterIPs kube-apiserver's
 * storage derives from clusterIP before anything looks at them (normalizeClusterIPs).
 */
final class ServiceIps {

  static final List<String> FAMILIES = List.of("IPv4", "IPv6");
  static final List<String> POLICIES = List.of("PreferDualStack", "RequireDualStack", "SingleStack");
  static final String NONE = "None";

  private ServiceIps() {}

  static List<String> strings(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** clusterIPs, or [clusterIP] when only the singular is given (an old client's create). */
  static List<String> of(JsonNode spec) {
    List<String> ips = strings(spec.path("clusterIPs"));
    String ip = spec.path("clusterIP").asText("");
    return ips.isEmpty() && !ip.isEmpty() ? List.of(ip) : ips;
  }

  static boolean headless(List<String> ips) {
    return ips.size() == 1 && ips.get(0).equals(NONE);
  }

  /** The checks; the clusterIPs are {@link #of} the spec. Nothing is checked for ExternalName. */
  static void validate(JsonNode spec, String type, List<String> ips, FieldErrors errors) {
    if (type.equals("ExternalName")) {
      return;
    }
    String clusterIp = spec.path("clusterIP").asText("");
    if (!clusterIp.isEmpty()) {
      if (ips.isEmpty()) {
        errors.required("spec.clusterIPs", null);
      } else if (!ips.get(0).equals(clusterIp)) {
        errors.invalid("spec.clusterIPs", ips, "first value must match `clusterIP`");
      }
    } else if (!ips.isEmpty()) {
      errors.invalid("spec.clusterIPs", ips, "must be empty when `clusterIP` is not specified");
    }
    List<String> families = strings(spec.path("ipFamilies"));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < families.size(); i++) {
      if (!FAMILIES.contains(families.get(i))) {
        errors.notSupported("spec.ipFamilies[" + i + "]", families.get(i), FAMILIES);
      }
      if (!seen.add(families.get(i))) {
        errors.duplicate("spec.ipFamilies[" + i + "]", families.get(i));
      }
    }
    if (spec.hasNonNull("ipFamilyPolicy") && !POLICIES.contains(spec.get("ipFamilyPolicy").asText())) {
      errors.notSupported("spec.ipFamilyPolicy", spec.get("ipFamilyPolicy").asText(), POLICIES);
    }
    boolean invalidIps = false;
    for (int i = 0; i < ips.size(); i++) {
      if (i == 0 && ips.get(0).equals(NONE)) {
        if (ips.size() > 1) {
          invalidIps = true;
          errors.invalid("spec.clusterIPs", ips, "'None' must be the first and only value");
        }
        continue;
      }
      if (!IpAddresses.isIp(ips.get(i))) {
        invalidIps = true;
        errors.invalid("spec.clusterIPs[" + i + "]", ips.get(i), IpAddresses.INVALID);
      }
    }
    if (ips.size() > 2) {
      errors.invalid("spec.clusterIPs", ips, "may only hold up to 2 values");
    }
    if (invalidIps) {
      return;
    }
    if (ips.size() > 1 && IpAddresses.family(ips.get(0)).equals(IpAddresses.family(ips.get(1)))) {
      errors.invalid("spec.clusterIPs", ips, "may specify no more than one IP for each IP family");
    }
    if (!headless(ips)) {
      for (int i = 0; i < ips.size() && i < families.size(); i++) {
        String family = IpAddresses.family(ips.get(i));
        if (FAMILIES.contains(families.get(i)) && !family.equals(families.get(i))) {
          errors.invalid("spec.clusterIPs[" + i + "]", ips.get(i), "expected an " + families.get(i)
              + " value as indicated by `ipFamilies[" + i + "]`");
        }
      }
    }
  }
}
