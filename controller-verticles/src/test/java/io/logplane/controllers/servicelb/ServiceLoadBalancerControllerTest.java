package io.logplane.controllers.servicelb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.MemoryCluster;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Load-balancer addresses from a pool of two, over an in-memory store. */
class ServiceLoadBalancerControllerTest {
  private final MemoryCluster cluster = new MemoryCluster();
  private final Controller lb = ServiceLoadBalancerController.controller(cluster.context(Clock.systemUTC()),
      "10.112.0.0/30");

  private void service(String name, String type) {
    ObjectNode svc = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Service");
    svc.putObject("metadata").put("namespace", "ns").put("name", name);
    svc.putObject("spec").put("type", type).put("clusterIP", "10.96.0.9");
    cluster.put(Key.parse("core/services/ns/" + name), svc);
  }

  private String ingress(String name) {
    return cluster.get(Key.parse("core/services/ns/" + name)).at("/status/loadBalancer/ingress/0/ip").asText("");
  }

  @Test
  void eachLoadBalancerGetsItsOwnAddressUntilThePoolIsFull() throws Exception {
    service("a", "LoadBalancer");
    service("b", "LoadBalancer");
    service("c", "LoadBalancer");
    service("plain", "ClusterIP");
    for (String n : new String[] {"a", "b", "c", "plain"}) {
      lb.reconciler().reconcile("core/services/ns/" + n);
    }
    assertEquals("10.112.0.1", ingress("a"));
    assertEquals("10.112.0.2", ingress("b"));
    assertEquals("", ingress("c"), "a /30 holds two");
    assertEquals("", ingress("plain"));
    Reconciler.Result full = lb.reconciler().reconcile("core/services/ns/c");
    assertFalse(full.done(), "a full pool is looked at again");

    service("a", "ClusterIP"); // no longer a load balancer: its address is given back
    ObjectNode a = cluster.get(Key.parse("core/services/ns/a")).deepCopy();
    a.putObject("status").putObject("loadBalancer").putArray("ingress").addObject().put("ip", "10.112.0.1");
    cluster.put(Key.parse("core/services/ns/a"), a);
    lb.reconciler().reconcile("core/services/ns/a");
    assertEquals("", ingress("a"));
    lb.reconciler().reconcile("core/services/ns/c");
    assertEquals("10.112.0.1", ingress("c"));
  }
}
