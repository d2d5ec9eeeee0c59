package io.logplane.controllers.serviceaccount;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logplane.controllers.Controller;
import io.logplane.controllers.MemoryCluster;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every active namespace gets its default ServiceAccount, once; a terminating one does not. */
class ServiceAccountControllerTest {

  private final MemoryCluster cluster = new MemoryCluster();
  private final Controller controller = ServiceAccountController.controller(cluster.context(Clock.systemUTC()));

  @Test
  void anActiveNamespaceGetsItsDefaultAccountOnce() throws Exception {
    namespace("a", "");
    namespace("b", ", \"deletionTimestamp\": \"2026-12-02T00:00:00Z\"");
    controller.reconciler().reconcile(Key.namespaceKey("a"));
    controller.reconciler().reconcile(Key.namespaceKey("a"));
    controller.reconciler().reconcile(Key.namespaceKey("b"));
    controller.reconciler().reconcile(Key.namespaceKey("gone"));
    assertEquals(List.of("create core/serviceaccounts/a/default"), cluster.writes);
  }

  private void namespace(String name, String extra) {
    cluster.put(Key.parse(Key.namespaceKey(name)), Json.object(("{\"metadata\": {\"name\": \"" + name + "\"" + extra
        + "}}").getBytes(StandardCharsets.UTF_8)));
  }
}
