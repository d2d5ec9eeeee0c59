package io.logplane.node.internal.real;

import java.util.stream.Collectors;

/**
 * The {@code resolv.conf} a real node's pods get while the cluster has no DNS of its own: the
 * machine's, as for {@code dnsPolicy: Default}, without its loopback name servers (a pod's
 * loopback is its own, where nothing answers).
 */
final class PodResolvConf {

  private PodResolvConf() {}

  static String of(String hostResolvConf) {
    String kept = hostResolvConf.lines()
        .filter(l -> !l.trim().matches("nameserver\\s+(127\\.\\S*|::1)"))
        .collect(Collectors.joining("\n"));
    return kept.isEmpty() ? "" : kept + "\n";
  }
}
