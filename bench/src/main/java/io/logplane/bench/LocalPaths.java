package io.logplane.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Checks, before any packet is sent, that the service scenario's traffic stays on this machine:
 * a pod address must have a route of its own (the node's bridge), not the default route's; a
 * cluster IP must have a DNAT rule in an nftables table of this machine's service proxy (its map
 * {@code service-ips} holds {@code ip . tcp . port}). An address for which neither holds would
 * be routed out of the host, so the scenario waits for the rule, and sends nothing without it.
 */
final class LocalPaths {
  private LocalPaths() {}

  /**
   * Whether {@code /proc/net/route}'s text has a route other than the default one for
   * {@code ip} (IPv4, dotted).
   */
  static boolean routedLocally(String procNetRoute, String ip) {
    long address = littleEndian(ip);
    for (String line : procNetRoute.lines().skip(1).toList()) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 8) {
        continue;
      }
      long destination = Long.parseLong(f[1], 16);
      long mask = Long.parseLong(f[7], 16);
      long gateway = Long.parseLong(f[2], 16);
      if (mask != 0 && gateway == 0 && (address & mask) == destination) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code nft list ruleset}'s text has a service proxy's DNAT for {@code ip:port}/TCP. */
  static boolean dnatted(String ruleset, String ip, int port) {
    return java.util.regex.Pattern.compile("(?<![0-9.])" + java.util.regex.Pattern.quote(ip)
        + " \\. tcp \\. " + port + " : goto svc-").matcher(ruleset).find();
  }

  static boolean routedLocally(String ip) {
    try {
      return routedLocally(Files.readString(Path.of("/proc/net/route")), ip);
    } catch (IOException e) {
      return false;
    }
  }

  /** Waits until this machine's nftables DNAT {@code ip:port}; false when not within the time. */
  static boolean awaitDnat(String ip, int port, Duration timeout) throws InterruptedException {
    return ApiCalls.await(() -> dnatted(ruleset(), ip, port), timeout);
  }

  private static String ruleset() throws InterruptedException {
    try {
      Process p = new ProcessBuilder(List.of("nft", "list", "ruleset")).redirectErrorStream(true)
          .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "";
      }
      return out;
    } catch (IOException e) {
      return "";
    }
  }

  /** The address in /proc/net/route's byte order (the host's, little-endian on x86). */
  private static long littleEndian(String ip) {
    String[] o = ip.split("\\.");
    if (o.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + ip);
    }
    long v = 0;
    for (int i = 3; i >= 0; i--) {
      v = (v << 8) | Integer.parseInt(o[i]);
    }
    return v;
  }
}
