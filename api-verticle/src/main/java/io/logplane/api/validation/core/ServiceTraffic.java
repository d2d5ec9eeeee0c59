package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a Service that say how traffic reaches it, as ValidateService checks them:
 * session affinity, external IPs, load balancer fields, and the traffic policies, each allowed
 * only with the types it applies to.
 */
final class ServiceTraffic {

  static final List<String> AFFINITIES = List.of("ClientIP", "None");
  static final List<String> POLICIES = List.of("Cluster", "Local");
  static final int MAX_AFFINITY_SECONDS = 86400;
  static final String SOURCE_RANGES_ANNOTATION = "service.beta.kubernetes.io/load-balancer-source-ranges";

  private ServiceTraffic() {}

  static void sessionAffinity(JsonNode spec, FieldErrors errors) {
    String affinity = spec.path("sessionAffinity").asText("");
    if (affinity.isEmpty()) {
      errors.required("spec.sessionAffinity", null);
    } else if (!AFFINITIES.contains(affinity)) {
      errors.notSupported("spec.sessionAffinity", affinity, AFFINITIES);
    }
    JsonNode config = spec.path("sessionAffinityConfig");
    String when = "when session affinity type is ClientIP";
    if (affinity.equals("ClientIP")) {
      if (!config.isObject()) {
        errors.required("spec.sessionAffinityConfig", when);
      } else if (!config.path("clientIP").isObject()) {
        errors.required("spec.sessionAffinityConfig.clientIP", when);
      } else if (!config.path("clientIP").hasNonNull("timeoutSeconds")) {
        errors.required("spec.sessionAffinityConfig.clientIP.timeoutSeconds", when);
      } else {
        long timeout = config.path("clientIP").get("timeoutSeconds").asLong();
        if (timeout <= 0 || timeout > MAX_AFFINITY_SECONDS) {
          errors.invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", timeout,
              "must be greater than 0 and less than " + MAX_AFFINITY_SECONDS);
        }
      }
    } else if (affinity.equals("None") && config.isObject()) {
      errors.forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None");
    }
  }

  static void externalIps(JsonNode spec, FieldErrors errors) {
    JsonNode ips = spec.path("externalIPs");
    for (int i = 0; i < ips.size(); i++) {
      String ip = ips.get(i).asText();
      String path = "spec.externalIPs[" + i + "]";
      if (!IpAddresses.isIp(ip)) {
        errors.invalid(path, ip, IpAddresses.INVALID);
      } else {
        IpAddresses.nonSpecial(ip, path, errors);
      }
    }
  }

  /** Source ranges (the field, else the older annotation), then allocateLoadBalancerNodePorts and the class. */
  static void loadBalancer(JsonNode service, JsonNode spec, String type, FieldErrors errors) {
    List<String> ranges = ServiceIps.strings(spec.path("loadBalancerSourceRanges"));
    JsonNode annotation = service.path("metadata").path("annotations").get(SOURCE_RANGES_ANNOTATION);
    if (!ranges.isEmpty() || annotation != null) {
      String path = ranges.isEmpty() ? "metadata.annotations[" + SOURCE_RANGES_ANNOTATION + "]"
          : "spec.LoadBalancerSourceRanges";
      String shown = ranges.isEmpty() ? annotation.asText() : "[" + String.join(" ", ranges) + "]";
      if (!type.equals("LoadBalancer")) {
        errors.forbidden(path, "may only be used when `type` is 'LoadBalancer'");
      }
      List<String> cidrs = new ArrayList<>();
      ranges.forEach(r -> cidrs.add(r.trim()));
      if (ranges.isEmpty() && !annotation.asText().trim().isEmpty()) {
        cidrs.addAll(List.of(annotation.asText().trim().split(",", -1)));
      }
      if (!cidrs.stream().allMatch(c -> IpAddresses.cidr(c).isPresent())) {
        errors.invalid(path, shown, "must be a list of IP ranges. For example, 10.240.0.0/24,10.250.0.0/24 ");
      }
    }
    boolean allocate = spec.hasNonNull("allocateLoadBalancerNodePorts");
    if (allocate && !type.equals("LoadBalancer")) {
      errors.forbidden("spec.allocateLoadBalancerNodePorts", "may only be used when `type` is 'LoadBalancer'");
    }
    if (!allocate && type.equals("LoadBalancer")) {
      errors.required("allocateLoadBalancerNodePorts", null);
    }
    if (spec.hasNonNull("loadBalancerClass")) {
      String cls = spec.get("loadBalancerClass").asText();
      if (type.equals("LoadBalancer")) {
        Names.check(Names.isQualifiedName(cls), "spec.loadBalancerClass", cls, errors);
      } else {
        errors.forbidden("spec.loadBalancerClass", "may only be used when `type` is 'LoadBalancer'");
      }
    }
  }

  /** LoadBalancer with the Local policy: it has a health check node port. */
  static boolean needsHealthCheck(JsonNode spec) {
    return spec.path("type").asText("").equals("LoadBalancer")
        && spec.path("externalTrafficPolicy").asText("").equals("Local");
  }

  static void policies(JsonNode spec, String type, FieldErrors errors) {
    String external = spec.path("externalTrafficPolicy").asText("");
    if (!type.equals("NodePort") && !type.equals("LoadBalancer")) {
      if (!external.isEmpty()) {
        errors.invalid("spec.externalTrafficPolicy", external,
            "may only be set when `type` is 'NodePort' or 'LoadBalancer'");
      }
    } else if (external.isEmpty()) {
      errors.required("spec.externalTrafficPolicy", null);
    } else if (!POLICIES.contains(external)) {
      errors.notSupported("spec.externalTrafficPolicy", external, POLICIES);
    }
    long healthCheck = spec.path("healthCheckNodePort").asLong(0);
    if (!needsHealthCheck(spec) && healthCheck != 0) {
      errors.invalid("spec.healthCheckNodePort", healthCheck,
          "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
    } else if (needsHealthCheck(spec) && healthCheck != 0) {
      // Zero is left to the allocator, which kube-apiserver runs before validation.
      Names.check(Names.isPortNumber(healthCheck), "spec.healthCheckNodePort", healthCheck, errors);
    }
    if (!spec.hasNonNull("internalTrafficPolicy")) {
      if (List.of("ClusterIP", "NodePort", "LoadBalancer").contains(type)) {
        errors.required("spec.internalTrafficPolicy", null);
      }
    } else if (!POLICIES.contains(spec.get("internalTrafficPolicy").asText())) {
      errors.notSupported("spec.internalTrafficPolicy", spec.get("internalTrafficPolicy").asText(), POLICIES);
    }
  }
}
