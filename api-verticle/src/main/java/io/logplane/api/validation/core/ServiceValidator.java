package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.Labels;
import io.logplane.api.validation.Names;
import java.util.List;

/**
 * A Service as kube-apiserver checks it: first what its allocation refuses (IP families, a
 * requested cluster IP outside the service range, a node port outside the node port range),
 * whose errors are then the whole answer; else ValidateService: ports, the rules of each type,
 * selector, session affinity, cluster IPs, external IPs, load balancer fields, traffic policies.
 * Whether a requested IP or port is free is decided by the state machine, which allocates them.
 */
final class ServiceValidator implements KindValidator {

  static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
  static final List<String> PROTOCOLS = ServicePorts.PROTOCOLS;

  private final ServiceAllocation allocation;

  ServiceValidator(ServiceRanges ranges) {
    this.allocation = new ServiceAllocation(ranges);
  }

  @Override
  public void validate(ObjectNode service, FieldErrors errors) {
    JsonNode spec = service.path("spec");
    if (allocation.check(spec, null, errors)) {
      rules(service, spec, errors);
    }
  }

  @Override
  public void prepareUpdate(ObjectNode old, ObjectNode service) {
    if (service.path("spec") instanceof ObjectNode spec) {
      ServiceUpdates.prepare(old.path("spec"), spec);
    }
  }

  /** The update's rules; {@link #validate} follows, but for what the allocation refuses. */
  @Override
  public void validateUpdate(ObjectNode old, ObjectNode service, FieldErrors errors) {
    FieldErrors allocating = new FieldErrors();
    if (allocation.check(service.path("spec"), old.path("spec"), allocating)) {
      ServiceUpdates.check(old.path("spec"), service.path("spec"), errors);
    }
  }

  private static void rules(ObjectNode service, JsonNode spec, FieldErrors errors) {
    String type = spec.path("type").asText("");
    List<String> ips = ServiceIps.of(spec);
    boolean headless = ServiceIps.headless(ips);
    JsonNode ports = spec.path("ports");
    if (ports.isEmpty() && !headless && !type.equals("ExternalName")) {
      errors.required("spec.ports", null);
    }
    switch (type) {
      case "LoadBalancer", "NodePort" -> {
        if (type.equals("LoadBalancer")) {
          ServicePorts.loadBalancer(ports, errors);
        }
        if (headless) {
          errors.invalid("spec.clusterIPs[0]", ips.get(0), "may not be set to 'None' for " + type + " services");
        }
      }
      case "ExternalName" -> externalName(spec, ips, errors);
      default -> { }
    }
    ServicePorts.each(ports, errors);
    if (spec.hasNonNull("selector")) {
      Labels.validate(spec.get("selector"), "spec.selector", errors);
    }
    ServiceTraffic.sessionAffinity(spec, errors);
    ServiceIps.validate(spec, type, ips, errors);
    ServiceTraffic.externalIps(spec, errors);
    if (type.isEmpty()) {
      errors.required("spec.type", null);
    } else if (!TYPES.contains(type)) {
      errors.notSupported("spec.type", type, TYPES);
    }
    ServicePorts.across(ports, type, errors);
    ServiceTraffic.loadBalancer(service, spec, type, errors);
    ServiceTraffic.policies(spec, type, errors);
  }

  private static void externalName(JsonNode spec, List<String> ips, FieldErrors errors) {
    if (!ips.isEmpty()) {
      errors.forbidden("spec.clusterIPs", "may not be set for ExternalName services");
    }
    if (!spec.path("ipFamilies").isEmpty()) {
      errors.forbidden("spec.ipFamilies", "may not be set for ExternalName services");
    }
    if (spec.hasNonNull("ipFamilyPolicy")) {
      errors.forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services");
    }
    String name = spec.path("externalName").asText("");
    String cname = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (cname.isEmpty()) {
      errors.required("spec.externalName", null);
    } else {
      Names.check(Names.isDns1123Subdomain(cname), "spec.externalName", cname, errors);
    }
  }
}
