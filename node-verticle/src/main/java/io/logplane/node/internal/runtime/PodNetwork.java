package io.logplane.node.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The node's pod network: each pod's network namespace gets an {@code eth0} on the node's bridge
 * and an address from the node's pod CIDR, by the CNI {@code bridge} plugin with
 * {@code host-local} IPAM. The bridge holds the CIDR's gateway address, so the host reaches every
 * pod and pods reach each other; there is no masquerade to the uplink ({@code ipMasq} false):
 * pod addresses never leave the node (see {@link UplinkGuard}).
 *
 * <p>A pod's host ports ({@code containers[].ports[].hostPort}) are forwarded to it by the CNI
 * {@code portmap} plugin chained after the bridge, as containerd does for the kubelet: DNAT rules
 * (iptables, on nftables here) for the connections to that port of any of the host's
 * addresses. No socket is bound on the host, so a host process listening on the port keeps its
 * socket but no longer gets those connections, as under the kubelet. Connections from other
 * machines are answered with the pod's address until the reply leaves, which the uplink drop
 * rules forbid: host ports serve this machine and its pods.
 *
 * <p>Each ADD's result is kept under the data directory, so CHECK and DEL get it as their
 * {@code prevResult}, as the specification asks, also after the node restarted; so is the
 * port mapping configuration, which portmap's DEL needs. An ADD that fails is followed by a DEL,
 * as the specification asks of runtimes, so the next attempt finds no half-made {@code eth0}.
 * Before the first ADD, addresses the bridge kept from a node of another pod CIDR (a cluster
 * made again, a node renamed) are taken off it: the bridge plugin refuses a bridge holding
 * another gateway, and no pod could start.
 */
public final class PodNetwork {

  /** The network's name: host-local keeps its allocations in a directory of this name. */
  static final String NAME = "logplane";
  static final String IFNAME = "eth0";

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PodNetwork.class);

  private final Cni cni;
  private final String bridge;
  private final String podCidr;
  private volatile boolean bridgeChecked;
  private final ObjectNode config;
  private final Path results;
  private final Path portMaps;

  /**
   * @param pluginDir where the CNI plugin binaries are ({@code /usr/lib/cni} on Debian)
   * @param bridge    the bridge's name, such as {@code lp0}
   * @param podCidr   the node's {@code spec.podCIDR}
   * @param dataDir   where host-local's allocations and the ADD results are kept
   */
  public PodNetwork(Path pluginDir, String bridge, String podCidr, Path dataDir) {
    this.cni = new Cni(pluginDir);
    this.bridge = bridge;
    this.podCidr = podCidr;
    this.config = config(bridge, podCidr, dataDir.resolve("ipam"));
    this.results = dataDir.resolve("results");
    this.portMaps = dataDir.resolve("portmaps");
  }

  /**
   * The pod's host ports as CRI gives them to portmap: each container port with a
   * {@code hostPort}, its protocol in lower case, its {@code hostIP} when set.
   */
  public static ArrayNode portMappings(JsonNode pod) {
    ArrayNode out = JSON.createArrayNode();
    for (JsonNode c : pod.path("spec").path("containers")) {
      for (JsonNode p : c.path("ports")) {
        int hostPort = p.path("hostPort").asInt(0);
        if (hostPort > 0) {
          ObjectNode m = out.addObject().put("hostPort", hostPort)
              .put("containerPort", p.path("containerPort").asInt())
              .put("protocol", p.path("protocol").asText("TCP").toLowerCase(java.util.Locale.ROOT));
          if (!p.path("hostIP").asText("").isEmpty()) {
            m.put("hostIP", p.path("hostIP").asText());
          }
        }
      }
    }
    return out;
  }

  /** portmap's configuration for these mappings (chained: it gets the bridge's result). */
  static ObjectNode portMapConfig(ArrayNode mappings) {
    ObjectNode c = JSON.createObjectNode();
    c.put("cniVersion", "1.0.0").put("name", NAME).put("type", "portmap").put("snat", true);
    c.putObject("capabilities").put("portMappings", true);
    c.putObject("runtimeConfig").set("portMappings", mappings);
    return c;
  }

  /** The network configuration (CNI 1.0.0, which Debian's plugins 1.1 speak). */
  static ObjectNode config(String bridge, String podCidr, Path ipamDir) {
    ObjectNode c = JSON.createObjectNode();
    c.put("cniVersion", "1.0.0").put("name", NAME).put("type", "bridge").put("bridge", bridge)
        .put("isGateway", true).put("ipMasq", false).put("hairpinMode", true);
    ObjectNode ipam = c.putObject("ipam").put("type", "host-local").put("dataDir", ipamDir.toString());
    ipam.putArray("ranges").addArray().addObject().put("subnet", podCidr);
    ipam.putArray("routes").addObject().put("dst", "0.0.0.0/0");
    return c;
  }

  /** Attaches the sandbox's namespace and returns the pod's IP; idempotent for a sandbox. */
  public String attach(String sandboxId, Path netns) {
    return attach(sandboxId, netns, JSON.createArrayNode());
  }

  /**
   * Attaches the sandbox's namespace, its host ports forwarded to it ({@link #portMappings}),
   * and returns the pod's IP; idempotent for a sandbox.
   */
  public String attach(String sandboxId, Path netns, ArrayNode hostPorts) {
    JsonNode result = kept(sandboxId);
    if (result == null) {
      dropForeignBridgeAddresses();
      try {
        result = cni.add(config, sandboxId, netns, IFNAME);
      } catch (RuntimeException e) {
        try {
          cni.del(config, null, sandboxId, netns, IFNAME);
        } catch (RuntimeException undone) {
          e.addSuppressed(undone);
        }
        throw e;
      }
      keep(results, sandboxId, result);
    }
    if (!hostPorts.isEmpty() && !Files.exists(portMaps.resolve(sandboxId + ".json"))) {
      ObjectNode portmap = portMapConfig(hostPorts);
      ObjectNode chained = portmap.deepCopy();
      chained.set("prevResult", result);
      cni.add(chained, sandboxId, netns, IFNAME);
      keep(portMaps, sandboxId, portmap);
    }
    return ip(result);
  }

  /** Takes the addresses of other pod CIDRs off the bridge, once, when it exists. */
  private void dropForeignBridgeAddresses() {
    if (bridgeChecked) {
      return;
    }
    Exec.Result shown = Exec.run("ip", "-4", "-o", "addr", "show", "dev", bridge);
    if (shown.ok()) {
      for (String address : foreignAddresses(shown.stdout(), podCidr)) {
        LOG.warn("bridge {} held {}, a gateway of another pod CIDR than {}: removed", bridge, address, podCidr);
        Exec.run("ip", "addr", "del", address, "dev", bridge);
      }
    }
    bridgeChecked = true;
  }

  /**
   * The IPv4 addresses of {@code ip -4 -o addr show} output other than the gateway of the pod
   * CIDR (its first address, with its prefix), which the bridge plugin gives the bridge.
   */
  static List<String> foreignAddresses(String ipOutput, String podCidr) {
    String gateway = gateway(podCidr);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\binet (\\S+)").matcher(ipOutput);
    List<String> foreign = new java.util.ArrayList<>();
    while (m.find()) {
      if (!m.group(1).equals(gateway)) {
        foreign.add(m.group(1));
      }
    }
    return foreign;
  }

  /** The first address of an IPv4 CIDR, with the CIDR's prefix: {@code 10.244.0.1/24}. */
  static String gateway(String cidr) {
    int slash = cidr.indexOf('/');
    String[] octets = cidr.substring(0, slash).split("\\.");
    long ip = 0;
    for (String o : octets) {
      ip = ip << 8 | Integer.parseInt(o);
    }
    int prefix = Integer.parseInt(cidr.substring(slash + 1));
    long first = (ip & (prefix == 0 ? 0 : 0xffffffffL << (32 - prefix) & 0xffffffffL)) + 1;
    return (first >> 24 & 255) + "." + (first >> 16 & 255) + "." + (first >> 8 & 255) + "." + (first & 255) + "/" + prefix;
  }

  private static void keep(Path dir, String sandboxId, JsonNode content) {
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve(sandboxId + ".tmp");
      Files.writeString(tmp, content.toString());
      Files.move(tmp, dir.resolve(sandboxId + ".json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails (with the plugin's error) when the sandbox's attachment is no longer whole. */
  public void check(String sandboxId, Path netns) {
    cni.check(config, kept(sandboxId), sandboxId, netns, IFNAME);
  }

  /** Detaches the sandbox and frees its address; nothing happens when it is not attached. */
  public void detach(String sandboxId, Path netns) {
    Path portmap = portMaps.resolve(sandboxId + ".json");
    if (Files.exists(portmap)) { // chained after the bridge: released before it
      cni.del((ObjectNode) read(portmap), kept(sandboxId), sandboxId, netns, IFNAME);
      try {
        Files.delete(portmap);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    cni.del(config, kept(sandboxId), sandboxId, netns, IFNAME);
    try {
      Files.deleteIfExists(results.resolve(sandboxId + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sandboxes attached now, as their kept ADD results say (a detach cut short included). */
  public List<String> attached() {
    if (!Files.isDirectory(results)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(results)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - ".json".length())).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first address of a CNI result, without its prefix length. */
  static String ip(JsonNode result) {
    String address = result.path("ips").path(0).path("address").asText("");
    if (address.isEmpty()) {
      throw new IllegalStateException("CNI result without an address: " + result);
    }
    return address.substring(0, address.indexOf('/') < 0 ? address.length() : address.indexOf('/'));
  }

  private JsonNode kept(String sandboxId) {
    Path file = results.resolve(sandboxId + ".json");
    return Files.exists(file) ? read(file) : null;
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
