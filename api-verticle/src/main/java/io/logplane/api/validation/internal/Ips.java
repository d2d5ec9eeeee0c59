package io.logplane.api.validation.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP addresses as {@code netutils.ParseIPSloppy} reads them: dotted IPv4 (leading zeros allowed,
 * as before Go 1.17) or IPv6, never a host name.
 */
public final class Ips {

  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

  private Ips() {}

  public static boolean isIp(String s) {
    Matcher m = IPV4.matcher(s);
    if (m.matches()) {
      for (int i = 1; i <= 4; i++) {
        if (Integer.parseInt(m.group(i)) > 255) {
          return false;
        }
      }
      return true;
    }
    if (!s.contains(":") || !IPV6_CHARS.matcher(s).matches()) {
      return false;
    }
    try {
      // a literal with ':' is parsed, never looked up; "::ffff:1.2.3.4" comes back as an Inet4Address
      InetAddress.getByName(s);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
