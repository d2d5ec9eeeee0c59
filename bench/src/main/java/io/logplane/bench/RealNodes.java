package io.logplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.kubeclient.KubeClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The real node a scenario runs pods on: the one named, or this machine's (its host name). */
final class RealNodes {
  private RealNodes() {}

  /** The node, which must be there and Ready; else a {@link BenchException} saying how to name it. */
  static JsonNode require(Plane p, String named) throws InterruptedException {
    String name = named != null ? named : hostname();
    JsonNode node = find(p, name);
    if (node == null) {
      throw new BenchException("no Ready node " + name + (named != null ? "" : " (this machine's"
          + " host name): name the node with --pod-start-node"));
    }
    return node;
  }

  /** The node {@code named} (null: this machine's) when it is there and Ready, else null. */
  static JsonNode find(Plane p, String named) throws InterruptedException {
    String name = named != null ? named : hostname();
    KubeClient.Response r = p.api().send("GET", "/api/v1/nodes/" + name, null);
    if (r.status() == 404) {
      return null;
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw new BenchException("node " + name + ": HTTP " + r.status() + " " + r.body(), e);
    }
    return r.ok() && FakeNodes.ready(node) ? node : null;
  }

  /** The node's InternalIP, or null. */
  static String internalIp(JsonNode node) {
    for (JsonNode a : node.path("status").path("addresses")) {
      if ("InternalIP".equals(a.path("type").asText())) {
        return a.path("address").asText();
      }
    }
    return null;
  }

  /** Whether the node's InternalIP is an address of this machine. */
  static boolean onThisMachine(JsonNode node) {
    String ip = internalIp(node);
    try {
      InetAddress a = InetAddress.getByName(ip);
      return ip != null && (a.isLoopbackAddress() || NetworkInterface.getByInetAddress(a) != null);
    } catch (UnknownHostException | SocketException e) {
      return false;
    }
  }

  /** As a node agent names its node by default: the kernel's host name, in lower case. */
  static String hostname() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip().toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      throw new BenchException("cannot read this machine's host name: name the node with"
          + " --pod-start-node", e);
    }
  }
}
