package io.logplane.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.internal.Containers;
import io.logplane.api.validation.internal.Tolerations;
import io.logplane.api.validation.internal.Volumes;
import java.util.List;
import java.util.Set;

/**
 * A whole PodSpec as ValidatePodSpec checks it, in its order: volumes, containers (names,
 * images, ports, resources, mounts), init containers, restart and DNS policy, node selector,
 * names it refers to, activeDeadlineSeconds, tolerations. Shared by Pod and every kind with a pod
 * template; {@code path} is where the spec stands (e.g. "spec" or "spec.template.spec"). A field
 * the API defaults (restartPolicy, dnsPolicy...) counts as its default when it is absent.
 */
public final class PodSpecs {

  public static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
  public static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");

  private PodSpecs() {}

  public static void validate(JsonNode spec, String path, FieldErrors errors) {
    Set<String> volumes = Volumes.validate(spec.path("volumes"), path + ".volumes", errors);
    Containers.validate(spec.path("containers"), false, volumes, path + ".containers", errors);
    if (!spec.path("initContainers").isEmpty()) {
      Containers.validateInit(spec.path("initContainers"), spec.path("containers"), volumes,
          path + ".initContainers", errors);
    }
    String restart = spec.path("restartPolicy").asText("");
    if (!restart.isEmpty() && !RESTART_POLICIES.contains(restart)) {
      errors.notSupported(path + ".restartPolicy", restart, RESTART_POLICIES);
    }
    String dns = spec.path("dnsPolicy").asText("");
    if (!dns.isEmpty() && !DNS_POLICIES.contains(dns)) {
      errors.notSupported(path + ".dnsPolicy", dns, DNS_POLICIES);
    }
    if (dns.equals("None") && !spec.hasNonNull("dnsConfig")) {
      errors.required(path + ".dnsConfig", "must provide `dnsConfig` when `dnsPolicy` is None");
    }
    Labels.validate(spec.path("nodeSelector"), path + ".nodeSelector", errors);
    subdomainName(spec, "serviceAccountName", path, errors);
    subdomainName(spec, "nodeName", path, errors);
    if (spec.hasNonNull("activeDeadlineSeconds")) {
      long v = spec.get("activeDeadlineSeconds").asLong();
      if (v < 1 || v > Integer.MAX_VALUE) {
        errors.invalid(path + ".activeDeadlineSeconds", v, Names.inclusiveRange(1, Integer.MAX_VALUE));
      }
    }
    for (String f : new String[] {"hostname", "subdomain"}) {
      String v = spec.path(f).asText("");
      if (!v.isEmpty()) {
        Names.check(Names.isDns1123Label(v), path + "." + f, v, errors);
      }
    }
    Tolerations.validate(spec.path("tolerations"), path + ".tolerations", errors);
    subdomainName(spec, "priorityClassName", path, errors);
  }

  private static void subdomainName(JsonNode spec, String field, String path, FieldErrors errors) {
    String v = spec.path(field).asText("");
    if (!v.isEmpty()) {
      Names.check(Names.isDns1123Subdomain(v), path + "." + field, v, errors);
    }
  }
}
