package io.logplane.node.internal.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PodIpsTest {

  @Test
  void handsOutTheLowestFreeAddressSkippingNetworkGatewayAndBroadcast() {
    PodIps ips = new PodIps("10.244.1.0/24");
    assertEquals("10.244.1.2", ips.allocate("a"));
    assertEquals("10.244.1.3", ips.allocate("b"));
    assertEquals("10.244.1.2", ips.allocate("a"), "a pod asking again keeps its address");
    ips.release("a");
    assertEquals("10.244.1.2", ips.allocate("c"), "a freed address is the lowest free");
  }

  @Test
  void aFullRangeGivesNothingAndEveryAddressIsUnique() {
    PodIps ips = new PodIps("10.244.7.0/28"); // 16 addresses: .2 to .14 usable
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 13; i++) {
      assertTrue(seen.add(ips.allocate("p" + i)));
    }
    assertTrue(seen.contains("10.244.7.14") && !seen.contains("10.244.7.15"), seen.toString());
    assertNull(ips.allocate("one-too-many"));
  }

  @Test
  void reservesTheAddressAPodAlreadyShowsOnlyWhenItIsFreeAndInRange() {
    PodIps ips = new PodIps("10.244.2.0/24");
    assertTrue(ips.reserve("a", "10.244.2.9"));
    assertFalse(ips.reserve("b", "10.244.2.9"), "held by another pod");
    assertFalse(ips.reserve("b", "10.244.3.9"), "outside the range");
    assertFalse(ips.reserve("b", "10.244.2.1"), "the gateway");
    assertFalse(ips.reserve("b", "not-an-ip"));
    assertEquals("10.244.2.2", ips.allocate("b"));
    assertEquals(2, ips.inUse());
  }

  @Test
  void nodeAddressesByIndex() {
    assertEquals("172.16.0.1", Ipv4.nodeAddress(0));
    assertEquals("172.16.1.0", Ipv4.nodeAddress(255));
    assertThrows(IllegalArgumentException.class, () -> new PodIps("10.0.0.0/8"));
  }
}
