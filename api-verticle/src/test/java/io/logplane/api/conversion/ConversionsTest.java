package io.logplane.api.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.api.resources.Registry;
import io.logplane.api.resources.ResourceType;
import org.junit.jupiter.api.Test;

class ConversionsTest {

  private final Registry registry = new Registry();

  private ResourceType type(String group, String version, String resource) {
    return registry.find(group, version, resource).orElseThrow();
  }

  @Test
  void everyServedVersionOfAnObjectHasTheSameKey() {
    ResourceType v1 = type("autoscaling", "v1", "horizontalpodautoscalers");
    ResourceType v2 = type("autoscaling", "v2", "horizontalpodautoscalers");
    assertEquals(v2.key("d", "web"), v1.key("d", "web"));
    assertEquals("core/events/d/e", type("events.k8s.io", "v1", "events").key("d", "e"));
    assertEquals(type("", "v1", "events").listPrefix("d"), type("events.k8s.io", "v1", "events").listPrefix("d"));
  }

  @Test
  void aConvertedVersionIsDefaultedAndValidatedAsItsStorageVersion() {
    assertEquals(type("autoscaling", "v2", "horizontalpodautoscalers"),
        Conversions.storageType(type("autoscaling", "v1", "horizontalpodautoscalers")));
    assertEquals(type("", "v1", "events"), Conversions.storageType(type("events.k8s.io", "v1", "events")));
    ResourceType pods = type("", "v1", "pods");
    assertSame(pods, Conversions.storageType(pods));
    assertTrue(Conversions.of(pods).isEmpty());
    assertTrue(Conversions.of(type("autoscaling", "v2", "horizontalpodautoscalers")).isEmpty());
  }
}
