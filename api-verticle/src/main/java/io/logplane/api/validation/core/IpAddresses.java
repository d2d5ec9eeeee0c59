package io.logplane.api.validation.core;

import io.logplane.api.validation.FieldErrors;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP addresses and CIDRs as Go's {@code netutils.ParseIPSloppy} and {@code ParseCIDRSloppy} read
 * them (IPv4 parts may have leading zeros), and the checks kube-apiserver makes on them.
 */
final class IpAddresses {

  static final String INVALID = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
  private static final Pattern IPV4 = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

  private IpAddresses() {}

  /** The address's bytes (4 or 16), or empty when it is none. */
  static Optional<byte[]> parse(String s) {
    Matcher m = IPV4.matcher(s);
    if (m.matches()) {
      byte[] b = new byte[4];
      for (int i = 0; i < 4; i++) {
        int part = Integer.parseInt(m.group(i + 1));
        if (part > 255) {
          return Optional.empty();
        }
        b[i] = (byte) part;
      }
      return Optional.of(b);
    }
    if (!s.contains(":") || !IPV6_CHARS.matcher(s).matches()) {
      return Optional.empty();
    }
    try {
      byte[] b = InetAddress.getByName(s).getAddress();
      // An IPv4-mapped IPv6 address comes back as 4 bytes; it is an IPv4 address to Go as well.
      return Optional.of(b);
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  static boolean isIp(String s) {
    return parse(s).isPresent();
  }

  /** "IPv4" or "IPv6", as Kubernetes names the families; the address must parse. */
  static String family(String s) {
    return parse(s).map(b -> b.length == 4 ? "IPv4" : "IPv6").orElse("");
  }

  /** ValidateNonSpecialIP: no unspecified, loopback or link-local address. */
  static void nonSpecial(String ip, String path, FieldErrors errors) {
    InetAddress a;
    try {
      a = InetAddress.getByAddress(parse(ip).orElseThrow());
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    if (a.isAnyLocalAddress()) {
      errors.invalid(path, ip, "may not be unspecified (" + ip + ")");
    }
    if (a.isLoopbackAddress()) {
      errors.invalid(path, ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)");
    }
    if (a.isLinkLocalAddress()) {
      errors.invalid(path, ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)");
    }
    byte[] b = a.getAddress();
    boolean v4LinkLocalMulticast = b.length == 4 && (b[0] & 255) == 224 && b[1] == 0 && b[2] == 0;
    boolean v6LinkLocalMulticast = b.length == 16 && (b[0] & 255) == 0xff && (b[1] & 15) == 2;
    if (v4LinkLocalMulticast || v6LinkLocalMulticast) {
      errors.invalid(path, ip, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)");
    }
  }

  /** A CIDR: its network, prefix length and address size in bits. */
  record Cidr(String text, BigInteger network, int prefix, int bits) {

    /** The CIDR's family, "IPv4" or "IPv6". */
    String family() {
      return bits == 32 ? "IPv4" : "IPv6";
    }

    boolean contains(byte[] ip) {
      return ip.length * 8 == bits && new BigInteger(1, ip).shiftRight(bits - prefix).equals(network.shiftRight(bits - prefix));
    }

    /** Offset of an address in this network (the address must be inside it). */
    BigInteger offset(byte[] ip) {
      return new BigInteger(1, ip).subtract(network);
    }

    BigInteger size() {
      return BigInteger.ONE.shiftLeft(bits - prefix);
    }
  }

  /** A CIDR as ParseCIDRSloppy reads it (the address need not be the network's), or empty. */
  static Optional<Cidr> cidr(String s) {
    int slash = s.indexOf('/');
    if (slash < 0 || !s.substring(slash + 1).matches("[0-9]{1,3}")) {
      return Optional.empty();
    }
    Optional<byte[]> addr = parse(s.substring(0, slash));
    if (addr.isEmpty()) {
      return Optional.empty();
    }
    int bits = addr.get().length * 8;
    int prefix = Integer.parseInt(s.substring(slash + 1));
    if (prefix > bits) {
      return Optional.empty();
    }
    BigInteger network = new BigInteger(1, addr.get()).shiftRight(bits - prefix).shiftLeft(bits - prefix);
    return Optional.of(new Cidr(s, network, prefix, bits));
  }
}
