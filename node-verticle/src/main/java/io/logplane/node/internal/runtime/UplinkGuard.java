package io.logplane.node.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps the cluster's addresses off the wire: drops every packet to or from the pod, service and
 * load-balancer ranges that would leave through an interface of the host's default routes,
 * whether the host sends it or routes it for a pod (forward). The host's own packets are
 * judged in the postrouting hook, not in output: a packet the service proxy DNATs in output is
 * routed again after that hook, and output's rules still see the interface of the first route
 * (the uplink, for a Service address) rather than the pod bridge it goes out of. A pod address is only
 * meaningful on this node; without these rules a packet to one that has no local route would go
 * out the default route to whatever network the host sits on.
 *
 * <p>The rules live in an nftables table of their own rather than in iptables chains: a table is
 * installed and replaced in one atomic transaction ({@code nft -f}), removed whole with one
 * command, touches no chain that another tool owns, and a drop in any table is final, so an
 * accept in some other firewall's chain cannot let a packet past it. Counters are read as JSON.
 * {@link #install} is idempotent (it replaces the table); {@link #remove} deletes it.
 */
public final class UplinkGuard {

  /**
   * Packets dropped so far: on leaving the host (postrouting: the host's own, and forwarded ones
   * that the forward rules let through) and on forwarding.
   */
  public record Counters(long outputPackets, long forwardPackets) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String table;
  private final List<String> ranges;

  /**
   * @param table  the nftables table (family {@code inet}) that holds the rules
   * @param ranges IPv4 or IPv6 CIDRs: pod CIDR, service CIDR, load-balancer pools
   */
  public UplinkGuard(String table, List<String> ranges) {
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("no ranges to guard");
    }
    this.table = table;
    this.ranges = List.copyOf(ranges);
  }

  /** Installs the rules for the interfaces of the default routes now, or replaces them. */
  public List<String> install() {
    List<String> uplinks = uplinks(Exec.check("ip", "-4", "route", "show", "default")
        + Exec.check("ip", "-6", "route", "show", "default"));
    Exec.check(script(table, uplinks, ranges), List.of("nft", "-f", "-"));
    return uplinks;
  }

  /** Removes the rules; nothing happens when they are not installed. */
  public void remove() {
    if (installed()) {
      Exec.check("nft", "delete", "table", "inet", table);
    }
  }

  public boolean installed() {
    return Exec.run("nft", "list", "table", "inet", table).ok();
  }

  /** The packets the rules dropped; fails when they are not installed. */
  public Counters counters() {
    JsonNode listing;
    try {
      listing = JSON.readTree(Exec.check("nft", "-j", "list", "table", "inet", table));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long output = 0;
    long forward = 0;
    for (JsonNode item : listing.path("nftables")) {
      JsonNode rule = item.path("rule");
      for (JsonNode expr : rule.path("expr")) {
        long packets = expr.path("counter").path("packets").asLong(0);
        if (rule.path("chain").asText().equals("postrouting")) {
          output += packets;
        } else {
          forward += packets;
        }
      }
    }
    return new Counters(output, forward);
  }

  /** The interfaces named by {@code ip route show default} output (also multipath nexthops). */
  static List<String> uplinks(String ipRouteOutput) {
    Set<String> devices = new LinkedHashSet<>();
    String[] words = ipRouteOutput.trim().split("\\s+");
    for (int i = 0; i + 1 < words.length; i++) {
      if (words[i].equals("dev")) {
        devices.add(words[i + 1]);
      }
    }
    return new ArrayList<>(devices);
  }

  /** The nft script that (re)creates the table in one transaction. */
  static String script(String table, List<String> uplinks, List<String> ranges) {
    StringBuilder rules = new StringBuilder();
    if (!uplinks.isEmpty()) {
      String oif = uplinks.stream().map(d -> '"' + d + '"').collect(Collectors.joining(", "));
      for (String family : List.of("ip", "ip6")) {
        List<String> set = ranges.stream().filter(r -> r.contains(":") == family.equals("ip6")).toList();
        if (set.isEmpty()) {
          continue;
        }
        String addresses = String.join(", ", set);
        for (String direction : List.of("daddr", "saddr")) {
          rules.append("    oifname { ").append(oif).append(" } ").append(family).append(' ')
              .append(direction).append(" { ").append(addresses).append(" } counter drop\n");
        }
      }
    }
    StringBuilder s = new StringBuilder();
    s.append("table inet ").append(table).append(" {}\n");
    s.append("delete table inet ").append(table).append('\n');
    s.append("table inet ").append(table).append(" {\n");
    for (String hook : List.of("postrouting", "forward")) {
      s.append("  chain ").append(hook).append(" {\n");
      s.append("    type filter hook ").append(hook).append(" priority filter; policy accept;\n");
      s.append(rules);
      s.append("  }\n");
    }
    return s.append("}\n").toString();
  }
}
