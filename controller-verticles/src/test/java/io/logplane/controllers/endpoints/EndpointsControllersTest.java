package io.logplane.controllers.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.MemoryCluster;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The endpoints of a Service from the pods it selects, over an in-memory store: ready and not
 * ready addresses, named target ports, terminating and finished pods, no write when nothing
 * changed, and slices cut at 100 endpoints.
 */
class EndpointsControllersTest {

  private static final String SVC = "core/services/ns/web";
  private final MemoryCluster cluster = new MemoryCluster();
  private final Controller endpoints = EndpointsController.controller(cluster.context(Clock.systemUTC()));
  private final Controller slices = EndpointSliceController.controller(cluster.context(Clock.systemUTC()));

  @Test
  void endpointsListReadyAndNotReadyPodsWithTheirPorts() throws Exception {
    service();
    pod("p1", "10.0.0.1", true, false, "web");
    pod("p2", "10.0.0.2", false, false, "web");
    pod("p3", "", true, false, "web");
    pod("p4", "10.0.0.4", true, true, "web");
    pod("p5", "10.0.0.5", true, false, "other");
    endpoints.reconciler().reconcile(SVC);
    JsonNode subset = cluster.get(Key.parse("core/endpoints/ns/web")).at("/subsets/0");
    assertEquals("10.0.0.1", subset.at("/addresses/0/ip").asText());
    assertEquals(1, subset.path("addresses").size());
    assertEquals("p2", subset.at("/notReadyAddresses/0/targetRef/name").asText());
    assertEquals(1, subset.path("notReadyAddresses").size(), "terminating and unaddressed pods left out");
    assertEquals(8080, subset.at("/ports/0/port").asInt(), "the named targetPort resolved");
    int writes = cluster.writes.size();
    endpoints.reconciler().reconcile(SVC);
    assertEquals(writes, cluster.writes.size(), "nothing changed, nothing written");
    pod("p2", "10.0.0.2", true, false, "web");
    endpoints.reconciler().reconcile(SVC);
    assertEquals(2, cluster.get(Key.parse("core/endpoints/ns/web")).at("/subsets/0/addresses").size());
    cluster.delete(Key.parse(SVC), null, null).join();
    endpoints.reconciler().reconcile(SVC);
    assertNull(cluster.get(Key.parse("core/endpoints/ns/web")));
  }

  @Test
  void slicesHoldTerminatingEndpointsWithTheirConditions() throws Exception {
    service();
    pod("p1", "10.0.0.1", true, false, "web");
    pod("p2", "10.0.0.2", false, false, "web");
    pod("p4", "10.0.0.4", true, true, "web");
    slices.reconciler().reconcile(SVC);
    List<ObjectNode> all = slices();
    assertEquals(1, all.size());
    JsonNode slice = all.get(0);
    assertEquals("web", slice.at("/metadata/labels/kubernetes.io~1service-name").asText());
    assertEquals("Service", slice.at("/metadata/ownerReferences/0/kind").asText());
    assertEquals(3, slice.path("endpoints").size());
    assertEquals("{\"ready\":false,\"serving\":true,\"terminating\":true}",
        slice.at("/endpoints/2/conditions").toString());
    assertEquals(8080, slice.at("/ports/0/port").asInt());
  }

  @Test
  void slicesAreCutAtAHundredEndpointsAndShrinkAgain() throws Exception {
    service();
    for (int i = 0; i < 150; i++) {
      pod("p" + i, "10.0." + (i / 250) + "." + (i % 250 + 1), true, false, "web");
    }
    slices.reconciler().reconcile(SVC);
    assertEquals(List.of(100, 50), slices().stream().map(s -> s.path("endpoints").size()).toList());
    for (int i = 10; i < 150; i++) {
      cluster.delete(Key.parse("core/pods/ns/p" + i), null, null).join();
    }
    slices.reconciler().reconcile(SVC);
    assertEquals(List.of(10), slices().stream().map(s -> s.path("endpoints").size()).toList());
  }

  private List<ObjectNode> slices() {
    List<ObjectNode> all = new ArrayList<>(cluster.informers.informer("discovery.k8s.io/endpointslices/").list());
    all.sort(java.util.Comparator.comparing(s -> s.at("/metadata/name").asText()));
    return all;
  }

  private void service() {
    cluster.put(Key.parse(SVC), json("""
        {"metadata": {"name": "web", "namespace": "ns", "uid": "svc-uid"},
         "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": "http"}]}}"""));
  }

  private void pod(String name, String ip, boolean ready, boolean terminating, String app) {
    cluster.put(Key.parse("core/pods/ns/" + name), json("""
        {"metadata": {"name": "%s", "namespace": "ns", "uid": "u-%s", "labels": {"app": "%s"}%s},
         "spec": {"nodeName": "n1", "containers": [{"name": "c", "ports": [{"name": "http", "containerPort": 8080}]}]},
         "status": {"phase": "Running", "podIP": "%s", "conditions": [{"type": "Ready", "status": "%s"}]}}"""
        .formatted(name, name, app, terminating ? ", \"deletionTimestamp\": \"2026-12-02T00:00:00Z\"" : "", ip,
            ready ? "True" : "False")));
  }

  private static ObjectNode json(String s) {
    return Json.object(s.getBytes(StandardCharsets.UTF_8));
  }
}
