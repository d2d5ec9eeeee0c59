package io.logplane.projections;

/**
 * An IPv4 CIDR: its network address (host bits cleared) as an unsigned 32-bit value in a long,
 * and its prefix length.
 */
public record Ipv4Cidr(long network, int prefix) {

  /** Parses {@code a.b.c.d/n}; the host bits are cleared. */
  public static Ipv4Cidr parse(String cidr) {
    int slash = cidr == null ? -1 : cidr.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
    }
    int prefix;
    try {
      prefix = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr, e);
    }
    if (prefix < 0 || prefix > 32) {
      throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
    }
    long size = 1L << (32 - prefix);
    return new Ipv4Cidr(address(cidr.substring(0, slash)) & ~(size - 1), prefix);
  }

  /** A dotted quad as an unsigned 32-bit value. */
  public static long address(String ip) {
    String[] p = ip.split("\\.", -1);
    if (p.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + ip);
    }
    long v = 0;
    for (String octet : p) {
      int o;
      try {
        o = Integer.parseInt(octet);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not an IPv4 address: " + ip, e);
      }
      if (o < 0 || o > 255 || octet.length() > 3) {
        throw new IllegalArgumentException("not an IPv4 address: " + ip);
      }
      v = v << 8 | o;
    }
    return v;
  }

  /** An unsigned 32-bit value as a dotted quad. */
  public static String format(long a) {
    return (a >> 24 & 255) + "." + (a >> 16 & 255) + "." + (a >> 8 & 255) + "." + (a & 255);
  }

  /** How many addresses the CIDR spans. */
  public long size() {
    return 1L << (32 - prefix);
  }

  /** The address {@code n} places past the network address (1: the first host). */
  public String address(long n) {
    if (n < 0 || n >= size()) {
      throw new IllegalArgumentException(this + " has no address " + n);
    }
    return format(network + n);
  }

  /** Whether the address lies inside. */
  public boolean contains(long address) {
    return address >= network && address < network + size();
  }

  @Override
  public String toString() {
    return format(network) + "/" + prefix;
  }
}
