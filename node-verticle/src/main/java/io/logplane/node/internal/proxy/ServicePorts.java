package io.logplane.node.internal.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Services and EndpointSlices into the ports the proxy serves, as kube-proxy's service
 * and endpoint change trackers do. A Service without a cluster IP (headless, ExternalName) gets
 * no port: nothing answers on a virtual IP for it. A Service port's endpoints are those of the
 * slices labelled {@code kubernetes.io/service-name} with the Service's name whose port has the
 * same name and protocol; an endpoint whose {@code ready} condition is unset counts as ready.
 * Pure.
 */
public final class ServicePorts {
  static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
  static final int DEFAULT_AFFINITY_SECONDS = 10800;

  private ServicePorts() {}

  /** The ports of {@code services}, in their order, with the endpoints of {@code slices}. */
  public static List<ProxiedPort> of(Collection<JsonNode> services, Collection<JsonNode> slices,
      String nodeName) {
    Map<String, List<JsonNode>> byService = new LinkedHashMap<>();
    for (JsonNode slice : slices) {
      String service = slice.path("metadata").path("labels").path(SERVICE_NAME_LABEL).asText("");
      if (!service.isEmpty()) {
        byService.computeIfAbsent(slice.path("metadata").path("namespace").asText() + "/" + service,
            k -> new ArrayList<>()).add(slice);
      }
    }
    List<ProxiedPort> ports = new ArrayList<>();
    for (JsonNode service : services) {
      JsonNode spec = service.path("spec");
      String clusterIp = spec.path("clusterIP").asText("");
      if (clusterIp.isEmpty() || clusterIp.equals("None") || "ExternalName".equals(spec.path("type").asText())) {
        continue;
      }
      String key = service.path("metadata").path("namespace").asText() + "/"
          + service.path("metadata").path("name").asText();
      List<String> ingress = new ArrayList<>();
      if ("LoadBalancer".equals(spec.path("type").asText())) {
        service.path("status").path("loadBalancer").path("ingress").forEach(i -> {
          if (!i.path("ip").asText("").isEmpty()) {
            ingress.add(i.path("ip").asText());
          }
        });
      }
      int affinity = "ClientIP".equals(spec.path("sessionAffinity").asText())
          ? spec.path("sessionAffinityConfig").path("clientIP").path("timeoutSeconds")
              .asInt(DEFAULT_AFFINITY_SECONDS)
          : 0;
      boolean externalLocal = "Local".equals(spec.path("externalTrafficPolicy").asText());
      boolean internalLocal = "Local".equals(spec.path("internalTrafficPolicy").asText());
      for (JsonNode p : spec.path("ports")) {
        String protocol = p.path("protocol").asText("TCP");
        String name = p.path("name").asText("");
        ports.add(new ProxiedPort(key + "/" + protocol.toLowerCase(Locale.ROOT) + "/" + name,
            protocol.toLowerCase(Locale.ROOT), clusterIp, ingress, p.path("port").asInt(),
            p.path("nodePort").asInt(0), affinity, externalLocal, internalLocal,
            endpoints(byService.getOrDefault(key, List.of()), name, protocol, nodeName)));
      }
    }
    return ports;
  }

  private static List<ProxiedPort.Endpoint> endpoints(List<JsonNode> slices, String portName,
      String protocol, String nodeName) {
    Map<String, ProxiedPort.Endpoint> found = new LinkedHashMap<>();
    for (JsonNode slice : slices) {
      if (!"IPv4".equals(slice.path("addressType").asText("IPv4"))) {
        continue;
      }
      for (JsonNode sp : slice.path("ports")) {
        if (!sp.path("name").asText("").equals(portName)
            || !sp.path("protocol").asText("TCP").equals(protocol) || !sp.has("port")) {
          continue;
        }
        for (JsonNode e : slice.path("endpoints")) {
          String ip = e.path("addresses").path(0).asText("");
          if (ip.isEmpty()) {
            continue;
          }
          boolean ready = e.path("conditions").path("ready").asBoolean(true);
          boolean local = nodeName.equals(e.path("nodeName").asText(""));
          String at = ip + ":" + sp.path("port").asInt();
          found.merge(at, new ProxiedPort.Endpoint(ip, sp.path("port").asInt(), ready, local),
              (a, b) -> a.ready() ? a : b);
        }
      }
    }
    return new ArrayList<>(found.values());
  }
}
