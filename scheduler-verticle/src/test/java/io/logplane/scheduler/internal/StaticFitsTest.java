package io.logplane.scheduler.internal;

import static io.logplane.scheduler.internal.Fixtures.nodeObject;
import static io.logplane.scheduler.internal.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.scheduler.internal.plugins.Cycle;
import io.logplane.scheduler.internal.plugins.Status;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StaticFitsTest {

  private static final String TAINTED = "{'spec':{'taints':[{'key':'dedicated','value':'db','effect':'NoSchedule'}]}}";
  private static final String TOLERATES = "{'spec':{'tolerations':[{'key':'dedicated','operator':'Exists'}]}}";

  private final SchedulerCache cache = new SchedulerCache();

  @Test
  void podsOfOneShapeShareTheAnswersAndOthersGetTheirOwn() {
    cache.updateNode(nodeObject("a", "4", "8Gi", TAINTED));
    cache.updateNode(nodeObject("b", "4", "8Gi", null));

    assertEquals("b", schedule(pod("p1", "100m", "1Mi", null)));
    Status[] plain = cache.staticAnswers(pod("p2", "100m", "1Mi", null));
    assertEquals(List.of("node(s) had untolerated taint {dedicated: db}"), plain[slot("a")].reasons());
    assertSame(StaticFits.FITS, plain[slot("b")]);

    Status[] tolerating = cache.staticAnswers(pod("t1", "100m", "1Mi", TOLERATES));
    assertNotSame(plain, tolerating);
    assertTrue(Arrays.stream(tolerating).allMatch(Objects::isNull));
    scheduleAll(pod("t1", "100m", "1Mi", TOLERATES));
    assertSame(StaticFits.FITS, tolerating[slot("a")]);
  }

  @Test
  void aChangedNodeIsFilteredAgain() {
    cache.updateNode(nodeObject("a", "4", "8Gi", null));
    assertEquals("a", schedule(pod("p1", "100m", "1Mi", null)));

    cache.updateNode(nodeObject("a", "4", "8Gi", TAINTED));

    assertNull(schedule(pod("p2", "100m", "1Mi", null)));
    cache.updateNode(nodeObject("a", "4", "8Gi", null));
    assertEquals("a", schedule(pod("p3", "100m", "1Mi", null)));
  }

  @Test
  void aNodeTakingTheSlotOfARemovedOneGetsNoneOfItsAnswers() {
    cache.updateNode(nodeObject("a", "4", "8Gi", TAINTED));
    assertNull(schedule(pod("p1", "100m", "1Mi", null)));
    int slot = slot("a");

    cache.removeNode("a");
    cache.updateNode(nodeObject("b", "4", "8Gi", null));

    assertEquals(slot, slot("b"));
    assertEquals("b", schedule(pod("p2", "100m", "1Mi", null)));
  }

  @Test
  void aChangeOfWhatOnlyThePodFiltersReadKeepsTheAnswers() {
    cache.updateNode(nodeObject("a", "4", "8Gi", null));
    PodInfo p = pod("p1", "100m", "1Mi", null);
    schedule(p);
    Status[] answers = cache.staticAnswers(p);

    assertFalse(cache.updateNode(nodeObject("a", "4", "8Gi", "{'metadata':{'annotations':{'x':'y'}}}")));

    assertSame(StaticFits.FITS, answers[slot("a")]);
  }

  private String schedule(PodInfo pod) {
    return cache.read(nodes -> new Algorithm(new Random(1)).schedule(
        new Cycle(pod, nodes, false).rememberingStaticAnswers(cache.staticAnswers(pod))).node());
  }

  private void scheduleAll(PodInfo pod) {
    cache.read(nodes -> {
      Cycle cycle = new Cycle(pod, nodes, false).rememberingStaticAnswers(cache.staticAnswers(pod));
      nodes.forEach(n -> Algorithm.filter(cycle, pod, n));
      return List.of();
    });
  }

  private int slot(String node) {
    return cache.node(node).slot;
  }
}
