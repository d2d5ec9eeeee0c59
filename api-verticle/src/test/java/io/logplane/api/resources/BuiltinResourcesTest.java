package io.logplane.api.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuiltinResourcesTest {

  @Test
  void everyBuiltinHasItsModelClassAndAUniqueUrl() {
    Set<String> seen = new HashSet<>();
    for (ResourceType t : BuiltinResources.all()) {
      assertNotNull(t.loadModelClass(), t.kind());
      assertEquals(t.kind(), t.loadModelClass().getSimpleName());
      assertEquals(true, seen.add(t.apiVersion() + "/" + t.resource()), "duplicate " + t.resource());
    }
    assertEquals(42, seen.size());
  }

  @Test
  void keysSeparateGroupResourceNamespaceAndName() {
    ResourceType pods = BuiltinResources.all().get(0);
    assertEquals("core/pods/default/web", pods.key("default", "web"));
    assertEquals("core/pods/default/", pods.listPrefix("default"));
    assertEquals("core/pods/", pods.listPrefix(null));
  }
}
