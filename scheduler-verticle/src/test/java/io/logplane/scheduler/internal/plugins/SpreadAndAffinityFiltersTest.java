package io.logplane.scheduler.internal.plugins;

import static io.logplane.scheduler.internal.Fixtures.node;
import static io.logplane.scheduler.internal.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logplane.scheduler.internal.NodeInfo;
import io.logplane.scheduler.internal.PodInfo;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PodTopologySpread's DoNotSchedule filter and required inter-pod (anti-)affinity over three
 * nodes: a1 and a2 in zone a, b1 in zone b; a1 holds two pods app=web, b1 one pod app=db that
 * refuses app=web pods on its node (anti-affinity by hostname). c1 has no zone label.
 */
class SpreadAndAffinityFiltersTest {

  static List<NodeInfo> cluster() {
    NodeInfo a1 = node("a1", "8", "8Gi", "{'metadata':{'labels':{'zone':'a'}}}");
    NodeInfo a2 = node("a2", "8", "8Gi", "{'metadata':{'labels':{'zone':'a'}}}");
    NodeInfo b1 = node("b1", "8", "8Gi", "{'metadata':{'labels':{'zone':'b'}}}");
    NodeInfo c1 = node("c1", "8", "8Gi", null);
    a1.addPod(pod("web-1", "{'metadata':{'labels':{'app':'web'}}}"));
    a1.addPod(pod("web-2", "{'metadata':{'labels':{'app':'web'}}}"));
    b1.addPod(pod("db-1", "{'metadata':{'labels':{'app':'db'}},'spec':{'affinity':{'podAntiAffinity':"
        + "{'requiredDuringSchedulingIgnoredDuringExecution':[{'topologyKey':'kubernetes.io/hostname',"
        + "'labelSelector':{'matchLabels':{'app':'web'}}}]}}}}"));
    return List.of(a1, a2, b1, c1);
  }

  static String spread(String key, int skew) {
    return spread(key, skew, 1);
  }

  static String spread(String key, int skew, int minDomains) {
    return "{'metadata':{'labels':{'app':'web'}},'spec':{'topologySpreadConstraints':[{'maxSkew':" + skew
        + ",'minDomains':" + minDomains + ",'topologyKey':'" + key + "','whenUnsatisfiable':'DoNotSchedule','labelSelector':"
        + "{'matchLabels':{'app':'web'}}}]}}";
  }

  static String affinity(String kind, String key, String app) {
    return "{'metadata':{'labels':{'app':'web'}},'spec':{'affinity':{'" + kind + "':"
        + "{'requiredDuringSchedulingIgnoredDuringExecution':[{'topologyKey':'" + key + "',"
        + "'labelSelector':{'matchLabels':{'app':'" + app + "'}}}]}}}}";
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      // zone a holds 2 web pods, zone b 0: a third in zone a makes skew 3.
      "zone | 1 | a1=unschedulable a2=unschedulable b1=fits c1=unresolvable",
      "zone | 3 | a1=fits a2=fits b1=fits c1=unresolvable",
      // by hostname over a1, a2, b1 (c1 has a hostname too): min 0, a1 at 2.
      "kubernetes.io/hostname | 2 | a1=unschedulable a2=fits b1=fits c1=fits"})
  void topologySpread(String key, int skew, String verdicts) {
    assertEquals(verdicts, verdicts(new PodTopologySpreadFilter(), spread(key, skew)));
  }

  @org.junit.jupiter.api.Test
  void fewerDomainsThanMinDomainsCountTheSmallestAsEmpty() {
    // With a web pod on b1 too, zone a holds 2 and zone b 1: a third in zone a makes skew 2.
    List<NodeInfo> nodes = cluster();
    nodes.get(2).addPod(pod("web-3", "{'metadata':{'labels':{'app':'web'}}}"));
    PodInfo incoming = pod("new", spread("zone", 2, 2));
    assertEquals("fits", Table.verdict(new PodTopologySpreadFilter(), incoming, nodes.get(0), nodes));
    // Asking for 3 domains where there are 2: the smallest counts as 0, and zone a is too full.
    incoming = pod("new", spread("zone", 2, 3));
    assertEquals("unschedulable: node(s) didn't match pod topology spread constraints",
        Table.verdict(new PodTopologySpreadFilter(), incoming, nodes.get(0), nodes));
    assertEquals("fits", Table.verdict(new PodTopologySpreadFilter(), incoming, nodes.get(2), nodes));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      // an app=web pod is refused next to db-1 by db-1's anti-affinity; elsewhere the rest holds.
      "podAffinity     | zone                   | web  | a1=fits a2=fits b1=unschedulable c1=unresolvable",
      "podAffinity     | zone                   | db   | a1=unresolvable a2=unresolvable b1=unschedulable c1=unresolvable",
      "podAntiAffinity | zone                   | web  | a1=unschedulable a2=unschedulable b1=unschedulable c1=fits",
      "podAntiAffinity | kubernetes.io/hostname | web  | a1=unschedulable a2=fits b1=unschedulable c1=fits",
      // no pod matches app=cache anywhere, and the pod is not app=cache itself: nowhere.
      "podAffinity     | zone                   | cache | a1=unresolvable a2=unresolvable b1=unschedulable c1=unresolvable"})
  void interPodAffinity(String kind, String key, String app, String verdicts) {
    assertEquals(verdicts, verdicts(new InterPodAffinityFilter(), affinity(kind, key, app)));
  }

  @org.junit.jupiter.api.Test
  void firstPodOfAGroupMayGoAnywhere() {
    String self = "{'metadata':{'labels':{'app':'cache'}},'spec':{'affinity':{'podAffinity':"
        + "{'requiredDuringSchedulingIgnoredDuringExecution':[{'topologyKey':'zone',"
        + "'labelSelector':{'matchLabels':{'app':'cache'}}}]}}}}";
    assertEquals("a1=fits a2=fits b1=fits c1=unresolvable", verdicts(new InterPodAffinityFilter(), self));
  }

  static String verdicts(Filter filter, String podMore) {
    List<NodeInfo> nodes = cluster();
    StringBuilder out = new StringBuilder();
    for (NodeInfo n : nodes) {
      String v = Table.verdict(filter, pod("new", podMore), n, nodes);
      out.append(out.isEmpty() ? "" : " ").append(n.name).append('=').append(v.split(":")[0]);
    }
    return out.toString();
  }
}
