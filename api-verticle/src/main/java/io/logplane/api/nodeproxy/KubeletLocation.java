package io.logplane.api.nodeproxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.http.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a node's own server listens, as kube-apiserver's {@code NodeConnectionInfoGetter} finds
 * it: the first of the Node's reported addresses in the order of the preferred types, and the
 * port of {@code status.daemonEndpoints.kubeletEndpoint} (10250 when it reports none).
 *
 * <p>The order is InternalIP first, as clusters set {@code --kubelet-preferred-address-types}
 * when node names do not resolve (kube's default puts Hostname first).
 */
public record KubeletLocation(String host, int port) {
  /** The kubelet's port when a Node reports none. */
  public static final int DEFAULT_PORT = 10250;
  /** The runtime a hollow node reports ({@code hollow://1.0}). */
  static final String HOLLOW = "hollow://";
  static final List<String> PREFERRED = List.of("InternalIP", "ExternalIP", "InternalDNS",
      "ExternalDNS", "Hostname");

  /**
   * The location of {@code node}'s server; a 500 when it reports no address, or when it is a
   * hollow node: those simulate their pods, serve nothing, and report made-up addresses of a
   * private range that must never be dialled (a packet there would leave the machine).
   */
  public static KubeletLocation of(JsonNode node) {
    if (node.path("status").path("nodeInfo").path("containerRuntimeVersion").asText().startsWith(HOLLOW)) {
      throw ApiException.of(500, "", "node \"" + node.path("metadata").path("name").asText()
          + "\" is a hollow node: it simulates its pods and serves no logs, exec or port-forward");
    }
    JsonNode addresses = node.path("status").path("addresses");
    for (String type : PREFERRED) {
      for (JsonNode a : addresses) {
        if (type.equals(a.path("type").asText()) && !a.path("address").asText().isEmpty()) {
          int port = node.path("status").path("daemonEndpoints").path("kubeletEndpoint")
              .path("Port").asInt(0);
          return new KubeletLocation(a.path("address").asText(), port > 0 ? port : DEFAULT_PORT);
        }
      }
    }
    List<String> known = new ArrayList<>();
    addresses.forEach(a -> known.add("{" + a.path("type").asText() + " " + a.path("address").asText() + "}"));
    throw ApiException.of(500, "", "no preferred addresses found; known addresses: ["
        + String.join(" ", known) + "]");
  }

  /** {@code host:port}, an IPv6 address in brackets, as Go's {@code net.JoinHostPort}. */
  public String hostPort() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
