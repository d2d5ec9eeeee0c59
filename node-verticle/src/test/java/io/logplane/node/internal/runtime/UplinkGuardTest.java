package io.logplane.node.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class UplinkGuardTest {

  @Test
  void theUplinksAreTheDevicesOfTheDefaultRoutesMultipathIncluded() {
    assertEquals(List.of("eth0"), UplinkGuard.uplinks("default via 192.0.2.1 dev eth0 \n"));
    assertEquals(List.of("eth0", "wlan0"), UplinkGuard.uplinks(
        "default via 10.0.0.1 dev eth0 proto dhcp metric 100\ndefault via 10.1.0.1 dev wlan0 metric 600\n"
            + "default proto static metric 50\n\tnexthop via 10.0.0.1 dev eth0 weight 1\n"));
    assertEquals(List.of(), UplinkGuard.uplinks(""));
  }

  @Test
  void theScriptReplacesTheTableAtomicallyAndDropsBothDirectionsPerFamily() {
    String s = UplinkGuard.script("lp", List.of("eth0"), List.of("10.244.0.0/16", "10.96.0.0/12", "fd00::/64"));
    assertTrue(s.startsWith("table inet lp {}\ndelete table inet lp\ntable inet lp {\n"), s);
    assertTrue(s.contains("oifname { \"eth0\" } ip daddr { 10.244.0.0/16, 10.96.0.0/12 } counter drop"), s);
    assertTrue(s.contains("oifname { \"eth0\" } ip saddr { 10.244.0.0/16, 10.96.0.0/12 } counter drop"), s);
    assertTrue(s.contains("oifname { \"eth0\" } ip6 daddr { fd00::/64 } counter drop"), s);
    assertTrue(s.contains("type filter hook forward priority filter; policy accept;"), s);
    assertFalse(UplinkGuard.script("lp", List.of(), List.of("10.0.0.0/8")).contains("drop"),
        "no default route: nothing can leave, no rule");
  }
}
