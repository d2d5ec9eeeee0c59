package io.logplane.node.internal.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pod CIDR a real node takes, and the ranges its drop rules guard. */
class PodCidrsTest {

  @Test
  void theHighestFreeSlash24OfTheClusterCidr() {
    assertEquals("10.244.255.0/24", PodCidrs.free("10.244.0.0/16", List.of("10.244.0.0/24", "10.244.1.0/24")));
    assertEquals("10.244.253.0/24", PodCidrs.free("10.244.0.0/16", List.of("10.244.255.0/24", "10.244.254.0/24")));
    assertEquals("10.1.0.0/24", PodCidrs.free("10.1.0.0/23", List.of("10.1.1.0/24")));
    assertThrows(IllegalStateException.class, () -> PodCidrs.free("10.1.0.0/24", List.of("10.1.0.0/24")));
    assertThrows(IllegalArgumentException.class, () -> PodCidrs.free("10.1.0.0/25", List.of()));
  }

  @Test
  void theNodesOwnRangeIsGuardedWhenOutsideTheClusters() {
    assertEquals(List.of("10.244.0.0/16", "10.96.0.0/12"),
        PodCidrs.guarded("10.244.7.0/24", "10.244.0.0/16", "10.96.0.0/12"));
    assertEquals(List.of("10.244.0.0/16", "10.96.0.0/12", "172.30.5.0/24"),
        PodCidrs.guarded("172.30.5.0/24", "10.244.0.0/16", "10.96.0.0/12"));
  }

  @Test
  void containment() {
    assertTrue(PodCidrs.contains("10.244.0.0/16", "10.244.9.0/24"));
    assertFalse(PodCidrs.contains("10.244.0.0/24", "10.244.0.0/16"));
    assertFalse(PodCidrs.contains("10.96.0.0/12", "10.112.0.0/24"));
    assertTrue(PodCidrs.contains("0.0.0.0/0", "192.0.2.0/24"));
  }
}
