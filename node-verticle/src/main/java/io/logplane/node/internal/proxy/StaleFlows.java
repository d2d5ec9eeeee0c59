package io.logplane.node.internal.proxy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The UDP flows the kernel would keep sending where the rules no longer do, as kube-proxy's
 * conntrack clean-up finds them. A UDP flow's conntrack entry keeps its DNAT for as long as
 * packets come (a DNS client's socket, say), so a change of rules alone would leave it on the old
 * endpoint, or on none. Pure: turns the ports of the last sync and of this one into the
 * {@code conntrack -D} commands to run once this sync's rules are in.
 *
 * <ul>
 *   <li>An endpoint that was ready for a UDP port and is not any more (removed, unready, its port
 *       gone): the flows to the port's addresses NATed to it, and to its node port NATed to it.
 *   <li>A UDP port that had no ready endpoint and has one now: every UDP flow to its addresses
 *       and node port (their entries were made while packets were rejected).
 * </ul>
 */
final class StaleFlows {

  private StaleFlows() {}

  /** The {@code conntrack} argument lists to run, each once, in order. */
  static List<List<String>> commands(List<ProxiedPort> before, List<ProxiedPort> after) {
    Map<String, ProxiedPort> old = udp(before);
    Map<String, ProxiedPort> now = udp(after);
    Set<List<String>> commands = new LinkedHashSet<>();
    old.forEach((id, port) -> {
      ProxiedPort next = now.get(id);
      Set<String> still = next == null ? Set.of()
          : next.ready().stream().map(e -> e.ip() + ":" + e.port()).collect(Collectors.toSet());
      for (ProxiedPort.Endpoint e : port.ready()) {
        if (!still.contains(e.ip() + ":" + e.port())) {
          for (String ip : addresses(port)) {
            commands.add(List.of("conntrack", "-D", "-p", "udp", "--orig-dst", ip, "--dst-nat", e.ip()));
          }
          if (port.nodePort() > 0) {
            commands.add(List.of("conntrack", "-D", "-p", "udp", "--dport", Integer.toString(port.nodePort()),
                "--dst-nat", e.ip()));
          }
        }
      }
    });
    now.forEach((id, port) -> {
      ProxiedPort previous = old.get(id);
      if ((previous == null || previous.ready().isEmpty()) && !port.ready().isEmpty()) {
        for (String ip : addresses(port)) {
          commands.add(List.of("conntrack", "-D", "-p", "udp", "--orig-dst", ip));
        }
        if (port.nodePort() > 0) {
          commands.add(List.of("conntrack", "-D", "-p", "udp", "--dport", Integer.toString(port.nodePort())));
        }
      }
    });
    return List.copyOf(commands);
  }

  private static Map<String, ProxiedPort> udp(List<ProxiedPort> ports) {
    return ports.stream().filter(p -> p.protocol().equals("udp"))
        .collect(Collectors.toMap(ProxiedPort::id, Function.identity(), (a, b) -> a));
  }

  /** The virtual addresses of a port: its cluster IP and load-balancer IPs. */
  private static List<String> addresses(ProxiedPort port) {
    List<String> ips = new ArrayList<>();
    if (port.clusterIp() != null && !port.clusterIp().isEmpty() && !port.clusterIp().equals("None")) {
      ips.add(port.clusterIp());
    }
    ips.addAll(port.ingressIps());
    return ips;
  }
}
