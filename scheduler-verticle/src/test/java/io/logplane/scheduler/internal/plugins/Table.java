package io.logplane.scheduler.internal.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logplane.scheduler.internal.NodeInfo;
import io.logplane.scheduler.internal.PodInfo;
import java.util.List;

/** Runs a filter as a scheduling cycle would and prints its verdict as a line: "fits" or the reasons. */
final class Table {

  private Table() {}

  static String verdict(Filter filter, PodInfo pod, NodeInfo node, List<NodeInfo> all) {
    Cycle cycle = new Cycle(pod, all);
    filter.preFilter(cycle);
    Status s = filter.filter(cycle, pod, node);
    return s == null ? "fits" : (s.unresolvable() ? "unresolvable: " : "unschedulable: ") + String.join("; ", s.reasons());
  }

  static void check(Filter filter, PodInfo pod, NodeInfo node, String expected) {
    assertEquals(expected, verdict(filter, pod, node, List.of(node)));
  }
}
