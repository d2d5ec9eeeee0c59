package io.logplane.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PodRequestsTest {

  @Test
  void sumOfContainersOrLargestInitContainerPlusOverhead() {
    PodInfo p = Fixtures.pod("p", "200m", "1Gi", "{'spec':{'containers':[{'name':'a','resources':{'requests':"
        + "{'cpu':'200m','memory':'1Gi'}}},{'name':'b','resources':{'requests':{'cpu':'300m'}}}],"
        + "'initContainers':[{'name':'i','resources':{'requests':{'cpu':'1','memory':'100Mi'}}}],"
        + "'overhead':{'cpu':'10m'}}}");
    assertEquals(1010, p.requests.milliCpu); // the init container's 1 beats 500m, plus 10m overhead
    assertEquals(1L << 30, p.requests.memory);
    assertEquals(1, p.requests.pods);
    assertEquals((1L << 30) + (200L << 20), p.nonZeroRequests.memory); // b asks no memory: 200Mi counted
  }

  @Test
  void nonZeroDefaultsOnlyForScoring() {
    PodInfo p = Fixtures.pod("p", null);
    assertEquals(0, p.requests.milliCpu);
    assertEquals(100, p.nonZeroRequests.milliCpu);
    assertEquals(200L << 20, p.nonZeroRequests.memory);
  }
}
