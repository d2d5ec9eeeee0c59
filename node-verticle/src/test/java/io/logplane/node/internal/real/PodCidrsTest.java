package io.logplane.node.internal.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ranges a real node's drop rules guard. */
class PodCidrsTest {

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
