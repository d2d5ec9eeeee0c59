package io.logplane.node.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class UplinkGuardIT {

  /** In the pod range, with no route of its own here: without the rules it would leave by the uplink. */
  private static final String UNROUTED_POD_ADDRESS = "10.244.254.77";

  @Test
  void aPacketToAPodAddressThatWouldLeaveByTheUplinkIsDroppedAndCounted() throws IOException {
    RealNode.assume();
    UplinkGuard guard = new UplinkGuard("logplane_it_uplink",
        List.of("10.244.0.0/16", "10.96.0.0/12", "172.31.250.0/24"));
    try {
      List<String> uplinks = guard.install();
      assumeFalse(uplinks.isEmpty(), "no default route: nothing could leave the host anyway");
      assertEquals(uplinks, guard.install(), "installing again replaces the table");
      String route = Exec.check("ip", "route", "get", UNROUTED_POD_ADDRESS);
      assertTrue(uplinks.stream().anyMatch(dev -> route.contains(" dev " + dev + " ")),
          "the address must go by the default route for this test to mean something: " + route);
      assertTrue(guard.installed());
      long before = guard.counters().outputPackets();

      try (DatagramSocket socket = new DatagramSocket()) {
        byte[] payload = "dropped".getBytes();
        socket.send(new DatagramPacket(payload, payload.length,
            InetAddress.getByName(UNROUTED_POD_ADDRESS), 9));
      } catch (IOException dropped) {
        // a drop in the output hook fails the send with EPERM: expected
      }

      assertEquals(before + 1, guard.counters().outputPackets());
      assertEquals(0, guard.counters().forwardPackets());
    } finally {
      guard.remove();
    }
    assertFalse(guard.installed());
    assertFalse(Exec.check("nft", "list", "tables").contains("logplane_it_uplink"));
    guard.remove(); // removing twice is harmless
  }
}
