package io.logplane.node.internal.real;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pod's {@code resolv.conf}, as the kubelet writes it for the pod's {@code dnsPolicy}:
 * {@code ClusterFirst} (the default; {@code Default} for a pod on the host's network, unless it
 * says {@code ClusterFirstWithHostNet}) names the cluster DNS, searches
 * {@code <ns>.svc.<domain> svc.<domain> <domain>} then the machine's domains, with
 * {@code ndots:5}; {@code Default} is the machine's own, less its loopback name servers (a pod's
 * loopback is its own, where nothing answers); {@code None} only what the pod's
 * {@code dnsConfig} says. A {@code dnsConfig} adds its name servers and searches and overrides
 * options of the same name.
 */
final class PodResolvConf {

  /** The {@code kube-dns} Service's cluster IP in the default Service CIDR (the kubelet's clusterDNS). */
  static final String CLUSTER_DNS = "10.96.0.10";
  /** The cluster domain (the kubelet's clusterDomain). */
  static final String CLUSTER_DOMAIN = "cluster.local";

  private final String clusterDns;
  private final List<String> hostServers = new ArrayList<>();
  private final List<String> hostSearches = new ArrayList<>();
  private final List<String> hostOptions = new ArrayList<>();

  /** Over the machine's {@code resolv.conf}, the cluster DNS at its default address. */
  PodResolvConf(String hostResolvConf) {
    this(hostResolvConf, CLUSTER_DNS);
  }

  /** Over the machine's {@code resolv.conf}, the cluster DNS at {@code clusterDns}. */
  PodResolvConf(String hostResolvConf, String clusterDns) {
    this.clusterDns = clusterDns;
    for (String line : hostResolvConf.lines().map(String::trim).toList()) {
      String[] f = line.split("\\s+");
      if (f[0].equals("nameserver") && f.length > 1 && !f[1].matches("127\\..*|::1")) {
        hostServers.add(f[1]);
      } else if (f[0].equals("search") || f[0].equals("domain")) {
        hostSearches.clear();
        hostSearches.addAll(List.of(f).subList(1, f.length));
      } else if (f[0].equals("options")) {
        hostOptions.addAll(List.of(f).subList(1, f.length));
      }
    }
  }

  /** The file for a pod. */
  String forPod(JsonNode pod) {
    JsonNode spec = pod.path("spec");
    String policy = spec.path("dnsPolicy").asText("ClusterFirst");
    boolean hostNetwork = spec.path("hostNetwork").asBoolean(false);
    Set<String> servers = new LinkedHashSet<>();
    Set<String> searches = new LinkedHashSet<>();
    Map<String, String> options = new LinkedHashMap<>();
    if (policy.equals("ClusterFirstWithHostNet") || policy.equals("ClusterFirst") && !hostNetwork) {
      String ns = pod.path("metadata").path("namespace").asText("default");
      servers.add(clusterDns);
      searches.addAll(List.of(ns + ".svc." + CLUSTER_DOMAIN, "svc." + CLUSTER_DOMAIN, CLUSTER_DOMAIN));
      searches.addAll(hostSearches);
      options.put("ndots", "ndots:5");
    } else if (!policy.equals("None")) {
      servers.addAll(hostServers);
      searches.addAll(hostSearches);
      hostOptions.forEach(o -> options.put(o.split(":")[0], o));
    }
    JsonNode config = spec.path("dnsConfig");
    config.path("nameservers").forEach(n -> servers.add(n.asText()));
    config.path("searches").forEach(s -> searches.add(s.asText()));
    for (JsonNode o : config.path("options")) {
      String name = o.path("name").asText();
      options.put(name, o.hasNonNull("value") ? name + ":" + o.get("value").asText() : name);
    }
    StringBuilder out = new StringBuilder();
    // At most three name servers, as the resolver reads.
    servers.stream().limit(3).forEach(s -> out.append("nameserver ").append(s).append('\n'));
    if (!searches.isEmpty()) {
      out.append("search ").append(String.join(" ", searches)).append('\n');
    }
    if (!options.isEmpty()) {
      out.append("options ").append(String.join(" ", options.values())).append('\n');
    }
    return out.toString();
  }
}
