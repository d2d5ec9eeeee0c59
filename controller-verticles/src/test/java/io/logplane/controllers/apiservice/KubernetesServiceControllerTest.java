package io.logplane.controllers.apiservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.MemoryCluster;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The kubernetes Service and its endpoints, made, repaired and pointed again, over an in-memory store. */
class KubernetesServiceControllerTest {
  private final MemoryCluster cluster = new MemoryCluster();
  private final Controller controller = KubernetesServiceController.controller(cluster.context(Clock.systemUTC()),
      new KubernetesServiceController.ApiServer("10.0.0.1", "192.0.2.7", 6443));
  private final String key = "core/services/default/kubernetes";

  @Test
  void theDefaultNamespaceQueuesTheServiceWhichIsMadeWithItsEndpoints() throws Exception {
    ObjectNode ns = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Namespace");
    ns.putObject("metadata").put("name", "default");
    Controller.Watch namespaces = controller.watches().stream()
        .filter(w -> w.prefix().equals("core/namespaces/")).findFirst().orElseThrow();
    assertEquals(java.util.List.of(key), java.util.List.copyOf(namespaces.toKeys().apply(ns)));

    controller.reconciler().reconcile(key);
    ObjectNode svc = cluster.get(Key.parse(key));
    assertEquals("10.0.0.1", svc.at("/spec/clusterIP").asText());
    assertEquals("https", svc.at("/spec/ports/0/name").asText());
    assertEquals(443, svc.at("/spec/ports/0/port").asInt());
    assertEquals(6443, svc.at("/spec/ports/0/targetPort").asInt());
    assertTrue(svc.at("/spec/selector").isMissingNode());
    assertEquals("apiserver", svc.at("/metadata/labels/component").asText());
    ObjectNode ep = cluster.get(Key.parse("core/endpoints/default/kubernetes"));
    assertEquals("192.0.2.7", ep.at("/subsets/0/addresses/0/ip").asText());
    assertEquals(6443, ep.at("/subsets/0/ports/0/port").asInt());
    ObjectNode slice = cluster.get(Key.parse("discovery.k8s.io/endpointslices/default/kubernetes"));
    assertEquals("192.0.2.7", slice.at("/endpoints/0/addresses/0").asText());
    assertEquals("kubernetes", slice.at("/metadata/labels/kubernetes.io~1service-name").asText());
  }

  @Test
  void aDeletedServiceIsMadeAgainAndEndpointsSayingOtherwiseArePointedBack() throws Exception {
    controller.reconciler().reconcile(key);
    int writes = cluster.writes.size();
    controller.reconciler().reconcile(key);
    assertEquals(writes, cluster.writes.size(), "nothing to do: nothing written");

    ObjectNode svc = cluster.get(Key.parse(key));
    cluster.delete(Key.parse(key), svc.at("/metadata/uid").asText(null), "Background").join();
    ObjectNode ep = cluster.get(Key.parse("core/endpoints/default/kubernetes")).deepCopy();
    ((ObjectNode) ep.at("/subsets/0/addresses/0")).put("ip", "198.51.100.1");
    cluster.put(Key.parse("core/endpoints/default/kubernetes"), ep);

    controller.reconciler().reconcile(key);
    assertEquals("10.0.0.1", cluster.get(Key.parse(key)).at("/spec/clusterIP").asText());
    assertEquals("192.0.2.7",
        cluster.get(Key.parse("core/endpoints/default/kubernetes")).at("/subsets/0/addresses/0/ip").asText());
  }

  @Test
  void otherServicesAreNoneOfItsConcern() throws Exception {
    controller.reconciler().reconcile("core/services/default/web");
    assertTrue(cluster.writes.isEmpty());
  }
}
