package io.logplane.node.internal.runtime;

import static io.logplane.node.internal.runtime.ContainerEnvTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class CgroupResourcesTest {

  @Test
  void sharesAndQuotaAsTheKubeletComputesThem() {
    assertEquals(2, CgroupResources.shares(0));
    assertEquals(2, CgroupResources.shares(1));
    assertEquals(102, CgroupResources.shares(100));
    assertEquals(1024, CgroupResources.shares(1000));
    assertEquals(262_144, CgroupResources.shares(1_000_000));
    assertEquals(1000, CgroupResources.quota(1), "at least 1 ms");
    assertEquals(10_000, CgroupResources.quota(100));
    assertEquals(200_000, CgroupResources.quota(2000));
  }

  @Test
  void aLimitAloneGivesTheSharesAndNothingGivesTheMinimum() {
    JsonNode limitOnly = CgroupResources.of(json("{'limits':{'cpu':'500m'}}"));
    assertEquals(512, limitOnly.path("cpu").path("shares").asLong());
    assertEquals(50_000, limitOnly.path("cpu").path("quota").asLong());
    JsonNode none = CgroupResources.of(json("{}"));
    assertEquals(2, none.path("cpu").path("shares").asLong());
    assertFalse(none.path("cpu").has("quota"));
    assertFalse(none.has("memory"));
    assertEquals(1_000_000_000L, CgroupResources.of(json("{'limits':{'memory':'1G'}}"))
        .path("memory").path("limit").asLong());
  }
}
