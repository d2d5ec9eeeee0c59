package io.logplane.dns.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Name arithmetic of the cluster zone: labels below the zone, names built from labels, addresses in labels. */
final class Names {

  private static final Name IN_ADDR = Name.fromConstantString("in-addr.arpa.");

  private Names() {}

  static Name absolute(String name) {
    try {
      return Name.fromString(name.endsWith(".") ? name : name + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a domain name: " + name, e);
    }
  }

  /** {@code labels...} followed by {@code base}: {@code of(zone, "web", "ns", "svc")} is {@code web.ns.svc.<zone>}. */
  static Name of(Name base, String... labels) {
    try {
      return Name.concatenate(Name.fromString(String.join(".", labels)), base);
    } catch (TextParseException | org.xbill.DNS.NameTooLongException e) {
      throw new IllegalArgumentException("not a domain name: " + String.join(".", labels) + "." + base, e);
    }
  }

  /** The labels of {@code name} left of {@code zone} (which it is under), lower-cased, leftmost first. */
  static List<String> relative(Name name, Name zone) {
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < name.labels() - zone.labels(); i++) {
      labels.add(name.getLabelString(i).toLowerCase(Locale.ROOT));
    }
    return labels;
  }

  /** {@code 1-2-3-4}: that IPv4 address; null for a label that spells none. */
  static InetAddress dashedIpv4(String label) {
    String[] parts = label.split("-", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (!parts[i].matches("\\d{1,3}") || Integer.parseInt(parts[i]) > 255) {
        return null;
      }
      b[i] = (byte) Integer.parseInt(parts[i]);
    }
    return byAddress(b);
  }

  /** The IPv4 address a {@code d.c.b.a.in-addr.arpa.} name stands for; null for another name. */
  static String reverseAddress(Name name) {
    if (!name.subdomain(IN_ADDR) || name.labels() != IN_ADDR.labels() + 4) {
      return null;
    }
    StringBuilder ip = new StringBuilder();
    for (int i = 3; i >= 0; i--) {
      String l = name.getLabelString(i);
      if (!l.matches("\\d{1,3}") || Integer.parseInt(l) > 255) {
        return null;
      }
      ip.append(Integer.parseInt(l)).append(i > 0 ? "." : "");
    }
    return ip.toString();
  }

  /** An address written as a literal (no lookup); null for anything else. */
  static InetAddress literal(String ip) {
    if (ip.isEmpty() || !ip.matches("[0-9a-fA-F:.]+")) {
      return null;
    }
    try {
      return InetAddress.getByName(ip);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static InetAddress byAddress(byte[] b) {
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are an address", e);
    }
  }
}
