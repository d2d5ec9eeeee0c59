package io.logplane.dns;

import java.net.InetSocketAddress;
import java.util.List;

/** The name servers a {@code resolv.conf} lists, at port 53: where the cluster DNS forwards other names. */
public final class HostResolvers {

  private HostResolvers() {}

  public static List<InetSocketAddress> of(String resolvConf) {
    return resolvConf.lines()
        .map(String::trim)
        .filter(l -> l.startsWith("nameserver"))
        .map(l -> l.split("\\s+"))
        .filter(f -> f.length >= 2)
        .map(f -> new InetSocketAddress(f[1].replaceAll("%.*$", ""), 53))
        .toList();
  }
}
