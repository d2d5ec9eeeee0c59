package io.logplane.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.internal.Affinities;
import io.logplane.api.validation.internal.Containers;
import io.logplane.api.validation.internal.PodNetworks;
import io.logplane.api.validation.internal.SecurityContexts;
import io.logplane.api.validation.internal.Tolerations;
import io.logplane.api.validation.internal.TopologySpreads;
import io.logplane.api.validation.internal.Volumes;
import java.util.List;
import java.util.Set;

/**
 * A whole PodSpec as ValidatePodSpec checks it, in its order: volumes, containers (names,
 * images, ports, env, resources, mounts, probes), init containers, host network ports, restart
 * and DNS policy, node selector, security context, affinity, DNS config, topology spread, names
 * it refers to, activeDeadlineSeconds, tolerations, host aliases, os. Shared by Pod and every kind with a pod
 * template; {@code path} is where the spec stands (e.g. "spec" or "spec.template.spec"). A field
 * the API defaults (restartPolicy, dnsPolicy...) counts as its default when it is absent.
 */
public final class PodSpecs {

  public static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
  public static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
  private static final List<String> OS_NAMES = List.of("linux", "windows");

  private PodSpecs() {}

  public static void validate(JsonNode spec, String path, FieldErrors errors) {
    Set<String> volumes = Volumes.validate(spec.path("volumes"), path + ".volumes", errors);
    Containers.validate(spec.path("containers"), false, volumes, path + ".containers", errors);
    if (!spec.path("initContainers").isEmpty()) {
      Containers.validateInit(spec.path("initContainers"), spec.path("containers"), volumes,
          path + ".initContainers", errors);
    }
    PodNetworks.hostNetwork(spec, path, errors);
    String restart = spec.path("restartPolicy").asText("");
    if (!restart.isEmpty() && !RESTART_POLICIES.contains(restart)) {
      errors.notSupported(path + ".restartPolicy", restart, RESTART_POLICIES);
    }
    String dns = spec.path("dnsPolicy").asText("");
    if (!dns.isEmpty() && !DNS_POLICIES.contains(dns)) {
      errors.notSupported(path + ".dnsPolicy", dns, DNS_POLICIES);
    }
    Labels.validate(spec.path("nodeSelector"), path + ".nodeSelector", errors);
    SecurityContexts.pod(spec, path, errors);
    Affinities.validate(spec.path("affinity"), path + ".affinity", errors);
    PodNetworks.dnsConfig(spec, path + ".dnsConfig", errors);
    TopologySpreads.validate(spec.path("topologySpreadConstraints"), path + ".topologySpreadConstraints", errors);
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
    PodNetworks.hostAliases(spec.path("hostAliases"), path + ".hostAliases", errors);
    subdomainName(spec, "priorityClassName", path, errors);
    os(spec.get("os"), path + ".os", errors);
  }

  private static void os(JsonNode os, String path, FieldErrors errors) {
    if (os == null || os.isNull()) {
      return;
    }
    String name = os.path("name").asText("");
    if (name.isEmpty()) {
      errors.required(path + ".name", "cannot be empty");
    } else if (!OS_NAMES.contains(name)) {
      errors.notSupported(path, name, OS_NAMES);
    }
  }

  private static void subdomainName(JsonNode spec, String field, String path, FieldErrors errors) {
    String v = spec.path(field).asText("");
    if (!v.isEmpty()) {
      Names.check(Names.isDns1123Subdomain(v), path + "." + field, v, errors);
    }
  }
}
