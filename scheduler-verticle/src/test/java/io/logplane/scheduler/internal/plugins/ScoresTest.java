package io.logplane.scheduler.internal.plugins;

import static io.logplane.scheduler.internal.Fixtures.node;
import static io.logplane.scheduler.internal.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logplane.scheduler.internal.NodeInfo;
import io.logplane.scheduler.internal.PodInfo;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each score plugin over a few nodes: raw scores, then normalized as kube's (0..100). */
class ScoresTest {

  /** The normalized scores of the plugin for the pod over the nodes, in order. */
  static String scores(Score plugin, PodInfo pod, List<NodeInfo> nodes) {
    Cycle cycle = new Cycle(pod, nodes);
    if (!plugin.preScore(cycle, nodes)) {
      return "skipped";
    }
    long[] s = new long[nodes.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = plugin.score(cycle, pod, nodes.get(i));
    }
    plugin.normalize(cycle, s);
    return Arrays.toString(s);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1    | 2Gi  | [75]",
      "     |      | [97]",   // nothing asked: 100m and 200Mi count
      "3    | 2Gi  | [50]",
      "8    | 16Gi | [0]"})
  void leastAllocated(String cpu, String memory, String expected) {
    assertEquals(expected, scores(new LeastAllocated(), pod("p", cpu, memory, null), List.of(node("n"))));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"1 | 2Gi | [100]", "2 | 2Gi | [87]", "4 | 0 | [50]"})
  void balancedAllocation(String cpu, String memory, String expected) {
    assertEquals(expected, scores(new BalancedAllocation(), pod("p", cpu, memory, null), List.of(node("n"))));
  }

  @org.junit.jupiter.api.Test
  void nodeAffinityPreferredWeights() {
    PodInfo p = pod("p", "{'spec':{'affinity':{'nodeAffinity':{'preferredDuringSchedulingIgnoredDuringExecution':["
        + "{'weight':10,'preference':{'matchExpressions':[{'key':'zone','operator':'In','values':['a']}]}},"
        + "{'weight':5,'preference':{'matchExpressions':[{'key':'disk','operator':'Exists'}]}}]}}}}");
    List<NodeInfo> nodes = List.of(node("n1", "1", "1Gi", "{'metadata':{'labels':{'zone':'a','disk':'ssd'}}}"),
        node("n2", "1", "1Gi", "{'metadata':{'labels':{'zone':'a'}}}"), node("n3"));
    assertEquals("[100, 66, 0]", scores(new NodeAffinityScore(), p, nodes));
    assertEquals("skipped", scores(new NodeAffinityScore(), pod("q", null), nodes));
  }

  @org.junit.jupiter.api.Test
  void preferNoScheduleTaints() {
    String two = "{'spec':{'taints':[{'key':'a','effect':'PreferNoSchedule'},{'key':'b','effect':'PreferNoSchedule'}]}}";
    String one = "{'spec':{'taints':[{'key':'a','effect':'PreferNoSchedule'},{'key':'c','effect':'NoSchedule'}]}}";
    List<NodeInfo> nodes = List.of(node("n1", "1", "1Gi", two), node("n2", "1", "1Gi", one), node("n3"));
    assertEquals("[0, 50, 100]", scores(new TaintTolerationScore(), pod("p", null), nodes));
    PodInfo tolerant = pod("p", "{'spec':{'tolerations':[{'key':'a','operator':'Exists','effect':'PreferNoSchedule'}]}}");
    assertEquals("[0, 100, 100]", scores(new TaintTolerationScore(), tolerant, nodes));
  }

  @org.junit.jupiter.api.Test
  void systemDefaultSpreadingOfAReplicaSetsPods() {
    String owned = "{'metadata':{'ownerReferences':[{'kind':'ReplicaSet','name':'rs','uid':'rs1','controller':true}]}}";
    NodeInfo a1 = node("a1", "8", "8Gi", "{'metadata':{'labels':{'topology.kubernetes.io/zone':'a'}}}");
    NodeInfo a2 = node("a2", "8", "8Gi", "{'metadata':{'labels':{'topology.kubernetes.io/zone':'a'}}}");
    NodeInfo b1 = node("b1", "8", "8Gi", "{'metadata':{'labels':{'topology.kubernetes.io/zone':'b'}}}");
    a1.addPod(pod("s1", owned));
    a1.addPod(pod("s2", owned));
    // a1: 2 by hostname (weight ln 5) + 2 in zone a (weight ln 4) = 12, a2: 9, b1: 6 (the maxSkew - 1 terms).
    assertEquals("[50, 75, 100]", scores(new PodTopologySpreadScore(), pod("new", owned), List.of(a1, a2, b1)));
    assertEquals("skipped", scores(new PodTopologySpreadScore(), pod("lone", null), List.of(a1, a2, b1)));
  }

  @org.junit.jupiter.api.Test
  void preferredPodAffinityAndAntiAffinity() {
    PodInfo p = pod("p", "{'spec':{'affinity':{"
        + "'podAffinity':{'preferredDuringSchedulingIgnoredDuringExecution':[{'weight':50,'podAffinityTerm':"
        + "{'topologyKey':'zone','labelSelector':{'matchLabels':{'app':'web'}}}}]},"
        + "'podAntiAffinity':{'preferredDuringSchedulingIgnoredDuringExecution':[{'weight':20,'podAffinityTerm':"
        + "{'topologyKey':'kubernetes.io/hostname','labelSelector':{'matchLabels':{'app':'db'}}}}]}}}}");
    // zone a holds two app=web pods (+100), b1 holds app=db (-20), c1 nothing: scaled between -20 and 100.
    assertEquals("[100, 100, 0, 16]", scores(new InterPodAffinityScore(), p, SpreadAndAffinityFiltersTest.cluster()));
  }
}
