package io.logplane.node.internal.agent;

/** IPv4 addresses as ints, and the made-up addresses of simulated nodes. */
public final class Ipv4 {
  private Ipv4() {}

  /** Dotted quad to int. */
  public static int parse(String ip) {
    String[] p = ip.split("\\.", -1);
    if (p.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + ip);
    }
    int v = 0;
    for (String octet : p) {
      int o;
      try {
        o = Integer.parseInt(octet);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not an IPv4 address: " + ip, e);
      }
      if (o < 0 || o > 255) {
        throw new IllegalArgumentException("not an IPv4 address: " + ip);
      }
      v = v << 8 | o;
    }
    return v;
  }

  public static String format(int v) {
    return (v >>> 24) + "." + (v >>> 16 & 255) + "." + (v >>> 8 & 255) + "." + (v & 255);
  }

  /**
   * The InternalIP of simulated node {@code index}: made up, in 172.16.0.0/12, a private range
   * apart from the pod CIDRs, never a loopback address a client could reach a real server on.
   */
  public static String nodeAddress(int index) {
    return format(parse("172.16.0.0") + 1 + index % 0xFFFFE);
  }
}
