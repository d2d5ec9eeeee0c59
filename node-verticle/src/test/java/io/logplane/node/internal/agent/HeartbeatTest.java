package io.logplane.node.internal.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeartbeatTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void theLeaseIsRenewedEveryTenSecondsFromTheLastRenewal() {
    Heartbeat h = new Heartbeat();
    assertTrue(h.leaseDue(T0), "never renewed: due at once");
    h.leaseRenewed(T0);
    assertFalse(h.leaseDue(T0.plusMillis(9_999)));
    assertTrue(h.leaseDue(T0.plusSeconds(10)));
    // a renewal that succeeded late (the server was down) starts the next interval
    h.leaseRenewed(T0.plusSeconds(25));
    assertFalse(h.leaseDue(T0.plusSeconds(34)));
    assertTrue(h.leaseDue(T0.plusSeconds(35)));
  }

  @Test
  void theStatusIsReportedOnChangeOrEveryFiveMinutes() {
    Heartbeat h = new Heartbeat();
    assertTrue(h.statusDue(T0, false), "never reported: due at once");
    h.statusReported(T0);
    assertFalse(h.statusDue(T0.plusSeconds(299), false));
    assertTrue(h.statusDue(T0.plusSeconds(1), true), "a change is reported at once");
    assertTrue(h.statusDue(T0.plusSeconds(300), false));
  }

  @Test
  void theLeaseIsTheKubeletsWithItsOwnerAndMicroTime() {
    JsonNode lease = LeaseObject.renewed(null, "n1", "uid-1", T0.plusMillis(1500));
    assertEquals("n1", lease.at("/metadata/name").asText());
    assertEquals("kube-node-lease", lease.at("/metadata/namespace").asText());
    assertEquals("n1", lease.at("/spec/holderIdentity").asText());
    assertEquals(40, lease.at("/spec/leaseDurationSeconds").asInt());
    assertEquals("2026-01-01T00:00:01.500000Z", lease.at("/spec/renewTime").asText());
    assertEquals("Node", lease.at("/metadata/ownerReferences/0/kind").asText());
    assertEquals("uid-1", lease.at("/metadata/ownerReferences/0/uid").asText());
    JsonNode again = LeaseObject.renewed(lease, "n1", "uid-1", T0.plusSeconds(11));
    assertEquals("2026-01-01T00:00:11.000000Z", again.at("/spec/renewTime").asText());
  }

  @Test
  void aHeartbeatAloneIsNoChangeOfTheNodeStatus() {
    NodeIdentity id = new NodeIdentity("n1", Map.of("kubernetes.io/hostname", "n1"),
        Map.of("cpu", "4"), "172.16.0.1", "10.244.0.0/24", "v1.28.7-logplane", "hollow://1.0",
        "os", "kernel");
    JsonNode first = NodeObject.status(id, NodeObject.JSON.createObjectNode(), T0);
    JsonNode later = NodeObject.status(id, first, T0.plusSeconds(60));
    assertFalse(NodeObject.changed(first, later));
    assertEquals(T0.plusSeconds(60).toString(), later.at("/conditions/3/lastHeartbeatTime").asText());
    assertEquals(T0.toString(), later.at("/conditions/3/lastTransitionTime").asText(),
        "Ready stayed True: its transition time stays");
    assertEquals("Ready", later.at("/conditions/3/type").asText());
    assertTrue(NodeObject.changed(first, NodeObject.status(new NodeIdentity("n1", Map.of(),
        Map.of("cpu", "8"), "172.16.0.1", "10.244.0.0/24", "v", "r", "os", "k"), first, T0)));
  }

  @Test
  void backoffDoublesToThirtySeconds() {
    assertEquals(200, Backoff.millis(1));
    assertEquals(400, Backoff.millis(2));
    assertEquals(30_000, Backoff.millis(50));
  }
}
