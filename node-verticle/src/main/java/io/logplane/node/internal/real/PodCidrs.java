package io.logplane.node.internal.real;

import io.logplane.node.internal.agent.Ipv4;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The ranges a real node's uplink drop rules guard. */
public final class PodCidrs {

  private PodCidrs() {}

  /** The ranges to keep off the uplink: the cluster's, the services', and the node's own when outside both. */
  public static List<String> guarded(String podCidr, String clusterCidr, String serviceCidr) {
    Set<String> ranges = new LinkedHashSet<>(List.of(clusterCidr, serviceCidr));
    if (!contains(clusterCidr, podCidr) && !contains(serviceCidr, podCidr)) {
      ranges.add(podCidr);
    }
    return List.copyOf(ranges);
  }

  /** Whether CIDR {@code inner} lies inside CIDR {@code outer}. */
  static boolean contains(String outer, String inner) {
    int[] o = parse(outer);
    int[] i = parse(inner);
    if (i[1] < o[1]) {
      return false;
    }
    int mask = o[1] == 0 ? 0 : -1 << (32 - o[1]);
    return (i[0] & mask) == o[0];
  }

  /** Network address (host bits cleared) and prefix length. */
  private static int[] parse(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
    }
    int bits;
    try {
      bits = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr, e);
    }
    if (bits < 0 || bits > 32) {
      throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
    }
    int mask = bits == 0 ? 0 : -1 << (32 - bits);
    return new int[] {Ipv4.parse(cidr.substring(0, slash)) & mask, bits};
  }
}
