package io.logplane.projections.informers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the caches hold: the object without its managedFields, the event's tree left as it was. */
class TrimmedTest {

  @Test
  void theCopyHasNoManagedFieldsAndSharesTheRest() {
    ObjectNode pod = Json.object(("{\"metadata\":{\"name\":\"p\",\"labels\":{\"a\":\"b\"},"
        + "\"managedFields\":[{\"manager\":\"kubectl\"}]},\"spec\":{\"nodeName\":\"n\"}}")
        .getBytes(StandardCharsets.UTF_8));
    ObjectNode held = Informers.trimmed(pod);
    assertFalse(held.path("metadata").has("managedFields"));
    assertTrue(pod.path("metadata").has("managedFields"), "the shared tree is not changed");
    assertSame(pod.get("spec"), held.get("spec"));
    assertSame(pod.path("metadata").get("labels"), held.path("metadata").get("labels"));
  }

  @Test
  void anObjectWithoutThemIsHeldAsItIs() {
    ObjectNode ns = Json.object("{\"metadata\":{\"name\":\"n\"}}".getBytes(StandardCharsets.UTF_8));
    assertSame(ns, Informers.trimmed(ns));
  }
}
