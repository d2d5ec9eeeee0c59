package io.logplane.controllers.nodeipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.MemoryCluster;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.ClusterNetwork;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Pod CIDRs of a /22 cluster CIDR (four /24s) for Nodes, over an in-memory store. */
class NodeIpamControllerTest {
  private final MemoryCluster cluster = new MemoryCluster();
  private final Controller ipam = NodeIpamController.controller(cluster.context(Clock.systemUTC()),
      ClusterNetwork.of("10.96.0.0/12", "10.244.0.0/22", 24));

  private Key key(String name) {
    return Key.parse("core/nodes//" + name);
  }

  private void node(String name, String podCidr) {
    ObjectNode node = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Node");
    node.putObject("metadata").put("name", name).put("uid", "uid-" + name);
    ObjectNode spec = node.putObject("spec");
    if (podCidr != null) {
      spec.put("podCIDR", podCidr).putArray("podCIDRs").add(podCidr);
    }
    cluster.put(key(name), node);
  }

  private Reconciler.Result reconcile(String name) throws Exception {
    return ipam.reconciler().reconcile(key(name).toString());
  }

  private String cidr(String name) {
    return cluster.get(key(name)).at("/spec/podCIDR").asText("");
  }

  @Test
  void eachNodeGetsAFreeSubnetSkippingThoseNodesCameWithUntilTheRangeIsFull() throws Exception {
    node("own", "10.244.1.0/24"); // registered with one of the range
    node("outside", "192.168.7.0/24"); // and one of no concern to the range
    for (String n : new String[] {"a", "b", "c"}) {
      node(n, null);
      assertTrue(reconcile(n).done());
    }
    node("d", null);
    assertFalse(reconcile("d").done(), "a full range is looked at again");
    assertEquals("10.244.0.0/24", cidr("a"));
    assertEquals("10.244.2.0/24", cidr("b"), "the node's own is skipped");
    assertEquals("10.244.3.0/24", cidr("c"));
    assertEquals("10.244.3.0/24", cluster.get(key("c")).at("/spec/podCIDRs/0").asText());
    assertEquals("", cidr("d"), "four /24s, all held");
    assertTrue(cluster.list("core/events/").stream().anyMatch(e -> e.path("reason").asText().equals("CIDRNotAvailable")
        && e.at("/involvedObject/name").asText().equals("d")
        && e.path("message").asText().equals("Node d status is now: CIDRNotAvailable")));
    assertFalse(reconcile("d").done());
    assertEquals(1, cluster.list("core/events/").size(), "a node is told once");
    assertEquals("192.168.7.0/24", cidr("outside"));
    reconcile("outside");
    assertEquals("192.168.7.0/24", cidr("outside"), "a node's CIDR is never changed");

    cluster.delete(key("b"), "uid-b", "Background").join();
    reconcile("b");
    reconcile("d");
    assertEquals("10.244.2.0/24", cidr("d"), "a deleted node's subnet is handed out again");
  }

  @Test
  void aSubnetHandedOutIsTheNodesEvenBeforeTheCacheShowsIt() throws Exception {
    node("a", null);
    reconcile("a");
    String first = cidr("a");
    // A stale copy without the CIDR (the cache behind the write): the same subnet again, no other.
    node("a", null);
    reconcile("a");
    assertEquals(first, cidr("a"));
    node("b", null);
    reconcile("b");
    assertEquals("10.244.1.0/24", cidr("b"));
  }

  @Test
  void theSubnetsOfNodesThatExistedBeforeAreTakenAtTheFirstReconcile() throws Exception {
    node("old-0", "10.244.0.0/24");
    node("old-1", "10.244.1.0/24");
    node("new", null);
    reconcile("new");
    assertEquals("10.244.2.0/24", cidr("new"));
  }

  @Test
  void theMaskSizeSetsTheSubnets() {
    CidrSet set = CidrSet.of("10.0.0.0/16", 26);
    assertEquals("10.0.0.0/26", set.allocate());
    assertEquals("10.0.0.64/26", set.allocate());
    assertTrue(set.occupy("10.0.0.128/26"));
    assertFalse(set.occupy("10.0.0.128/24"), "another size");
    assertEquals("10.0.0.192/26", set.allocate());
  }
}
