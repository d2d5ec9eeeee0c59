package io.logplane.controllers.ingress;

import java.util.Locale;

/**
 * Host matching as the Ingress API says: a precise host matches itself; a wildcard
 * {@code *.example.com} matches exactly one more DNS label ({@code a.example.com}, not
 * {@code example.com} nor {@code a.b.example.com}). Comparison ignores case and a port.
 */
final class Hosts {

  private Hosts() {}

  static boolean matches(String ruleHost, String host) {
    if (ruleHost.startsWith("*.")) {
      String suffix = ruleHost.substring(1);
      return host.endsWith(suffix) && host.length() > suffix.length()
          && host.lastIndexOf('.', host.length() - suffix.length() - 1) < 0;
    }
    return ruleHost.equals(host);
  }

  /** The host of a Host header or :authority, lower case, without a port (IPv6 brackets kept). */
  static String normalize(String authority) {
    if (authority == null) {
      return "";
    }
    String h = authority.toLowerCase(Locale.ROOT);
    int colon = h.lastIndexOf(':');
    if (colon >= 0 && h.indexOf(']') < colon) {
      h = h.substring(0, colon);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
