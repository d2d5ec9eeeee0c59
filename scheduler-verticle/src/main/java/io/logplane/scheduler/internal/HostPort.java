package io.logplane.scheduler.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A host port a container asks for. Two conflict when protocol and port are equal and either
 * IP is unset or 0.0.0.0 or both are equal, as kube's {@code HostPortInfo}.
 */
public record HostPort(String ip, String protocol, int port) {

  public static HostPort of(JsonNode p) {
    String ip = p.path("hostIP").asText("");
    return new HostPort(ip.isEmpty() ? "0.0.0.0" : ip, p.path("protocol").asText("TCP"), p.path("hostPort").asInt());
  }

  public boolean conflicts(HostPort o) {
    return port == o.port && protocol.equals(o.protocol)
        && (ip.equals("0.0.0.0") || o.ip.equals("0.0.0.0") || ip.equals(o.ip));
  }
}
