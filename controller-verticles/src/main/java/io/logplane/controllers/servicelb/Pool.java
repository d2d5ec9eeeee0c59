package io.logplane.controllers.servicelb;

import java.util.Set;

/** An IPv4 range of load-balancer addresses: its network and broadcast addresses are not handed out. */
record Pool(long first, long last) {

  static Pool of(String cidr) {
    String[] parts = cidr.split("/");
    if (parts.length != 2) {
      throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
    }
    int bits = Integer.parseInt(parts[1]);
    long size = 1L << (32 - bits);
    long network = parse(parts[0]) & ~(size - 1) & 0xffffffffL;
    return size <= 2 ? new Pool(network, network + size - 1) : new Pool(network + 1, network + size - 2);
  }

  /** The lowest address not in {@code taken}, or null when there is none. */
  String lowestFree(Set<String> taken) {
    for (long a = first; a <= last; a++) {
      String s = format(a);
      if (!taken.contains(s)) {
        return s;
      }
    }
    return null;
  }

  private static long parse(String ip) {
    String[] octets = ip.split("\\.");
    if (octets.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + ip);
    }
    long v = 0;
    for (String o : octets) {
      v = v << 8 | Integer.parseInt(o);
    }
    return v;
  }

  private static String format(long a) {
    return (a >> 24 & 255) + "." + (a >> 16 & 255) + "." + (a >> 8 & 255) + "." + (a & 255);
  }
}
