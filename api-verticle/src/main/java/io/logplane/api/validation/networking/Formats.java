package io.logplane.api.validation.networking;

import io.logplane.api.validation.Names;
import io.logplane.api.validation.internal.Ips;
import java.util.ArrayList;
import java.util.List;

/** The name formats the networking kinds use beyond {@link Names}: wildcard hosts, path segments, IPs. */
final class Formats {

  private static final String WILDCARD_FMT = "\\*\\." + Names.DNS1123_SUBDOMAIN_FMT;

  private Formats() {}

  static List<String> isWildcardDns1123Subdomain(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 253) {
      errs.add(Names.maxLen(253));
    }
    // label by label, as Names does: the pattern's repeated group overflows the stack on a long host
    if (!value.startsWith("*.") || !Names.isSubdomain(value.substring(2))) {
      errs.add(Names.regexError("a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS"
          + " subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an"
          + " alphanumeric character", WILDCARD_FMT, "*.example.com"));
    }
    return errs;
  }

  /** {@code IsValidPathSegmentName}: not "." or "..", no '/' or '%'. */
  static List<String> isPathSegmentName(String name) {
    if (name.equals(".") || name.equals("..")) {
      return List.of("may not be '" + name + "'");
    }
    List<String> errs = new ArrayList<>();
    for (String illegal : new String[] {"/", "%"}) {
      if (name.contains(illegal)) {
        errs.add("may not contain '" + illegal + "'");
      }
    }
    return errs;
  }

  /** An IPv4 or IPv6 address as {@code netutils.ParseIPSloppy} accepts it. */
  static boolean isIp(String s) {
    return Ips.isIp(s);
  }
}
