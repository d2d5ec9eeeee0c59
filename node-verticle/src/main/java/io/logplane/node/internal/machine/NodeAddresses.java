package io.logplane.node.internal.machine;

import io.logplane.node.internal.agent.NodeFacts.Address;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A real node's addresses: its InternalIP and its Hostname. The InternalIP is the first IPv4
 * address of the interface of the default route ({@code /proc/net/route}), as a kubelet without
 * {@code --node-ip} picks the address others reach it on; or the loopback address when the node
 * is asked to keep to this machine.
 */
final class NodeAddresses {
  static final String LOOPBACK = "127.0.0.1";

  private NodeAddresses() {}

  static List<Address> of(String internalIp, String hostname) {
    return List.of(new Address("InternalIP", internalIp), new Address("Hostname", hostname));
  }

  /** The IPv4 address of the default route's interface. */
  static String defaultRouteIp(HostFiles host) {
    String iface = defaultRouteInterface(host.read("/proc/net/route"))
        .orElseThrow(() -> new IllegalStateException("the machine has no IPv4 default route:"
            + " give the node its address"));
    try {
      NetworkInterface ni = NetworkInterface.getByName(iface);
      if (ni != null) {
        for (var a : Collections.list(ni.getInetAddresses())) {
          if (a instanceof Inet4Address) {
            return a.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      throw new IllegalStateException("cannot read the addresses of " + iface, e);
    }
    throw new IllegalStateException("the default route's interface " + iface + " has no IPv4 address");
  }

  /**
   * The interface of the default route the kernel takes ({@code Destination} and {@code Mask}
   * zero, the lowest metric; the first listed of equal ones).
   */
  static Optional<String> defaultRouteInterface(String procNetRoute) {
    String best = null;
    long bestMetric = Long.MAX_VALUE;
    String[] lines = procNetRoute.split("\n");
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].trim().split("\\s+");
      if (f.length >= 8 && f[1].equals("00000000") && f[7].equals("00000000")
          && Long.parseLong(f[6]) < bestMetric) {
        best = f[0];
        bestMetric = Long.parseLong(f[6]);
      }
    }
    return Optional.ofNullable(best);
  }
}
