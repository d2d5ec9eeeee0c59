package io.logplane.controllers.rootca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.MemoryCluster;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every active namespace gets the CA as {@code kube-root-ca.crt}, set back when changed; a terminating one does not. */
class RootCaPublisherTest {

  private static final Key CM = new Key("core", "configmaps", "a", "kube-root-ca.crt");
  private final MemoryCluster cluster = new MemoryCluster();
  private final Controller controller = RootCaPublisher.controller(cluster.context(Clock.systemUTC()), "CA PEM\n");

  @Test
  void anActiveNamespaceGetsTheCaOnceAndBackWhenChanged() throws Exception {
    namespace("a", "");
    namespace("b", ", \"deletionTimestamp\": \"2026-12-02T00:00:00Z\"");
    controller.reconciler().reconcile(Key.namespaceKey("a"));
    controller.reconciler().reconcile(Key.namespaceKey("a"));
    controller.reconciler().reconcile(Key.namespaceKey("b"));
    controller.reconciler().reconcile(Key.namespaceKey("gone"));
    assertEquals(List.of("create core/configmaps/a/kube-root-ca.crt"), cluster.writes);
    ObjectNode cm = cluster.get(CM);
    assertEquals("{\"ca.crt\":\"CA PEM\\n\"}", cm.path("data").toString());
    assertEquals(RootCaPublisher.DESCRIPTION, cm.at("/metadata/annotations/kubernetes.io~1description").asText());

    ObjectNode changed = cm.deepCopy();
    changed.putObject("data").put("ca.crt", "mine").put("extra", "x");
    cluster.put(CM, changed);
    controller.reconciler().reconcile(Key.namespaceKey("a"));
    assertEquals("update core/configmaps/a/kube-root-ca.crt", cluster.writes.get(1));
    assertEquals("{\"ca.crt\":\"CA PEM\\n\"}", cluster.get(CM).path("data").toString());
  }

  private void namespace(String name, String extra) {
    cluster.put(Key.parse(Key.namespaceKey(name)), Json.object(("{\"metadata\": {\"name\": \"" + name + "\"" + extra
        + "}}").getBytes(StandardCharsets.UTF_8)));
  }
}
