package io.logplane.api.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionPriorityTest {

  @Test
  void gaBeforeBetaBeforeAlphaHigherFirstOthersLast() {
    List<String> versions = new ArrayList<>(List.of("v1alpha1", "foo1", "v1", "v2beta1", "v1beta2",
        "v1beta1", "v2", "v11alpha2", "foo10", "v10", "v12alpha1", "v3beta1"));
    versions.sort(VersionPriority.ORDER);
    assertEquals(List.of("v10", "v2", "v1", "v3beta1", "v2beta1", "v1beta2", "v1beta1",
        "v12alpha1", "v11alpha2", "v1alpha1", "foo1", "foo10"), versions);
  }

  @Test
  void autoscalingPrefersV2() {
    List<String> versions = new ArrayList<>(List.of("v1", "v2"));
    versions.sort(VersionPriority.ORDER);
    assertEquals("v2", versions.get(0));
  }
}
