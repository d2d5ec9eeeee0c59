package io.logplane.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The checks that keep the service scenario's packets on this machine. */
class LocalPathsTest {
  private static final String ROUTES = """
      Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
      eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0
      lpnb0\t00E7F40A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
      eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
      """;

  @Test
  void aPodAddressNeedsARouteOtherThanTheDefault() {
    assertTrue(LocalPaths.routedLocally(ROUTES, "10.244.231.7"));
    assertFalse(LocalPaths.routedLocally(ROUTES, "10.244.232.7"), "only the default route");
    assertFalse(LocalPaths.routedLocally(ROUTES, "10.96.0.10"), "only the default route");
  }

  @Test
  void aClusterIpNeedsTheProxysDnat() {
    String ruleset = """
        table ip logplane_proxy {
        	map service-ips {
        		elements = { 10.96.0.10 . tcp . 53 : goto svc-kube-system/kube-dns/tcp/dns-tcp,
        			     10.101.174.23 . tcp . 80 : goto svc-ns/web/tcp/ }
        	}
        """;
    assertTrue(LocalPaths.dnatted(ruleset, "10.101.174.23", 80));
    assertFalse(LocalPaths.dnatted(ruleset, "10.101.174.23", 8080));
    assertFalse(LocalPaths.dnatted(ruleset, "10.101.174.2", 80));
    assertFalse(LocalPaths.dnatted(ruleset, "0.101.174.23", 80));
  }
}
