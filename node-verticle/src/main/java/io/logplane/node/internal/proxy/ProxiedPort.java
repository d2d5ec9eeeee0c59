package io.logplane.node.internal.proxy;

import java.util.List;

/**
 * One port of one Service as the proxy serves it: the addresses it answers on (the cluster IP,
 * the load-balancer ingress IPs), its node port (0: none), its policies and the endpoints of its
 * EndpointSlices for that port.
 *
 * @param id               {@code namespace/name/protocol/portName}, unique per Service port
 * @param protocol         {@code tcp}, {@code udp} or {@code sctp}
 * @param affinitySeconds  0 without {@code sessionAffinity: ClientIP}, else its timeout
 */
public record ProxiedPort(String id, String protocol, String clusterIp, List<String> ingressIps,
    int port, int nodePort, int affinitySeconds, boolean externalLocal, boolean internalLocal,
    List<Endpoint> endpoints) {

  /** An address and port of an EndpointSlice's endpoint, with its condition and whether it is on this node. */
  public record Endpoint(String ip, int port, boolean ready, boolean local) {}

  public ProxiedPort {
    ingressIps = List.copyOf(ingressIps);
    endpoints = List.copyOf(endpoints);
  }

  /** The ready endpoints. */
  public List<Endpoint> ready() {
    return endpoints.stream().filter(Endpoint::ready).toList();
  }

  /** The ready endpoints on this node. */
  public List<Endpoint> readyLocal() {
    return endpoints.stream().filter(e -> e.ready() && e.local()).toList();
  }

  /** The endpoints traffic to the cluster IP goes to, after {@code internalTrafficPolicy}. */
  public List<Endpoint> clusterEndpoints() {
    return internalLocal ? readyLocal() : ready();
  }
}
