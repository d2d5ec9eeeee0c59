package io.logplane.dns.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.informers.Informer;
import io.logplane.projections.informers.Informers;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the DNS reads of the cluster: Services, their EndpointSlices and Namespaces, from the
 * shared informers (kept current by the applied stream, so an answer reflects the state applied
 * at the moment of the query). Indexes find a Service's slices and the owners of an address.
 */
public final class ClusterState {

  static final String SERVICES = "core/services/";
  static final String SLICES = "discovery.k8s.io/endpointslices/";
  static final String NAMESPACES = "core/namespaces/";
  private static final String BY_SERVICE = "dns-service";
  private static final String BY_IP = "dns-ip";

  /**
   * One endpoint of a Service: its address, the hostname it was given (or empty), whether ready,
   * and the ports of its slice by name.
   */
  public record Endpoint(String ip, String hostname, boolean ready, java.util.Map<String, Integer> ports) {}

  private final Informer services;
  private final Informer slices;
  private final Informer namespaces;

  public ClusterState(Informers informers) {
    services = informers.informer(SERVICES);
    slices = informers.informer(SLICES);
    namespaces = informers.informer(NAMESPACES);
    services.addIndex(BY_IP, s -> {
      List<String> ips = new ArrayList<>();
      s.path("spec").path("clusterIPs").forEach(ip -> ips.add(ip.asText()));
      String ip = s.path("spec").path("clusterIP").asText("");
      if (ips.isEmpty() && !ip.isEmpty() && !ip.equals("None")) {
        ips.add(ip);
      }
      return ips;
    });
    slices.addIndex(BY_SERVICE, s -> {
      String svc = s.path("metadata").path("labels").path("kubernetes.io/service-name").asText("");
      return svc.isEmpty() ? List.of() : List.of(s.path("metadata").path("namespace").asText() + "/" + svc);
    });
    slices.addIndex(BY_IP, s -> {
      List<String> ips = new ArrayList<>();
      s.path("endpoints").forEach(e -> e.path("addresses").forEach(a -> ips.add(a.asText())));
      return ips;
    });
  }

  public ObjectNode service(String namespace, String name) {
    return services.get(SERVICES + namespace + "/" + name);
  }

  public boolean namespaceExists(String namespace) {
    return namespaces.get(NAMESPACES + "/" + namespace) != null;
  }

  /** The endpoints of a Service over all its slices, each address once, in a stable order. */
  public List<Endpoint> endpoints(String namespace, String service) {
    List<Endpoint> found = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (ObjectNode slice : slices.byIndex(BY_SERVICE, namespace + "/" + service)) {
      java.util.Map<String, Integer> ports = new java.util.HashMap<>();
      slice.path("ports").forEach(p -> ports.put(p.path("name").asText(""), p.path("port").asInt()));
      for (JsonNode e : slice.path("endpoints")) {
        // As EndpointSlice consumers do: a condition left unset means ready.
        boolean ready = e.path("conditions").path("ready").asBoolean(true);
        for (JsonNode a : e.path("addresses")) {
          if (seen.add(a.asText())) {
            found.add(new Endpoint(a.asText(), e.path("hostname").asText(""), ready, ports));
          }
        }
      }
    }
    found.sort(java.util.Comparator.comparing(Endpoint::ip));
    return found;
  }

  /** The Services with this cluster IP. */
  public List<ObjectNode> servicesWithIp(String ip) {
    return services.byIndex(BY_IP, ip);
  }

  /** The EndpointSlices holding this address. */
  public List<ObjectNode> slicesWithIp(String ip) {
    return slices.byIndex(BY_IP, ip);
  }
}
