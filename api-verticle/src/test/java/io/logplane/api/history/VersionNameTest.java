package io.logplane.api.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VersionNameTest {

  @Test
  void encodesResourceGroupNameAndOffset() {
    assertEquals("deployments.apps.web.42", VersionName.of("deployments", "apps", "web", 42));
    assertEquals("configmaps.core.settings.7", VersionName.of("configmaps", "core", "settings", 7));
  }

  @Test
  void aSimpleNameHasOneReading() {
    assertEquals(List.of(new VersionName.Parts("deployments", "apps", "web", 42)),
        VersionName.candidates("deployments.apps.web.42"));
  }

  @Test
  void dottedGroupsAndNamesGiveEverySplit() {
    List<VersionName.Parts> c = VersionName.candidates("ingresses.networking.k8s.io.my.app.9");
    assertEquals(4, c.size());
    assertTrue(c.contains(new VersionName.Parts("ingresses", "networking.k8s.io", "my.app", 9)));
    assertEquals("networking", c.get(0).group());
    assertEquals("networking.k8s.io/ingresses/ns/my.app", c.get(2).key("ns"));
  }

  @Test
  void roundTripsThroughItsCandidates() {
    String name = VersionName.of("secrets", "core", "db.creds", 1234);
    assertTrue(VersionName.candidates(name).contains(new VersionName.Parts("secrets", "core", "db.creds", 1234)));
  }

  @Test
  void rejectsWhatCannotBeAName() {
    assertTrue(VersionName.candidates("web").isEmpty());
    assertTrue(VersionName.candidates("deployments.apps.web").isEmpty());
    assertTrue(VersionName.candidates("deployments.apps.web.x1").isEmpty());
    assertTrue(VersionName.candidates("deployments.42").isEmpty());
  }
}
