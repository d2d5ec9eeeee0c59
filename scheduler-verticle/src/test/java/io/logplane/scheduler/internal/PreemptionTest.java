package io.logplane.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.logplane.scheduler.internal.Victims.Candidate;
import io.logplane.scheduler.internal.plugins.Cycle;
import io.logplane.scheduler.internal.plugins.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Victims on a node and the node chosen, as kube's DefaultPreemption, on hand-made nodes. */
class PreemptionTest {

  static final long NOW = 1_000_000;

  static PodInfo placed(String name, String cpu, int priority, String node, String more) {
    return Fixtures.pod(name, cpu, null, "{'metadata':{'labels':{'app':'" + name + "'}},'spec':{'priority':" + priority
        + ",'nodeName':'" + node + "'}" + (more == null ? "" : "," + more) + "}");
  }

  static PodInfo preemptor(String cpu, int priority, String more) {
    return Fixtures.pod("high", cpu, null, "{'spec':{'priority':" + priority + (more == null ? "" : "," + more) + "}}");
  }

  static NodeInfo node(String name, String cpu, PodInfo... pods) {
    NodeInfo n = Fixtures.node(name, cpu, "8Gi", null);
    for (PodInfo p : pods) {
      n.addPod(p);
    }
    return n;
  }

  static Preemption.Decision preempt(PodInfo pod, List<Pdb> pdbs, NodeInfo... nodes) {
    Cycle cycle = new Cycle(pod, List.of(nodes));
    Algorithm.Result r = new Algorithm(new java.util.Random(1)).schedule(cycle);
    assertNull(r.node(), "fits nowhere");
    return Preemption.preempt(cycle, r.statuses(), pdbs, 0, NOW);
  }

  static List<String> names(List<PodInfo> pods) {
    return pods.stream().map(p -> p.name).toList();
  }

  @Test
  void allLowerPodsGoThenTheMostImportantComeBackWhileThePodStillFits() {
    NodeInfo n1 = node("n1", "4", placed("p0", "1", 0, "n1", null), placed("p10", "1", 10, "n1", null),
        placed("p20", "1", 20, "n1", null), placed("p2000", "1", 2000, "n1", null));
    Victims.Outcome o = Victims.select(new Cycle(preemptor("2", 100, null), List.of(n1)), n1, List.of(), NOW);
    assertEquals(List.of("p10", "p0"), names(o.candidate().pods()), "p20 reprieved first; p2000 never a victim");
    assertEquals(0, o.candidate().pdbViolations());
  }

  @Test
  void podsABudgetProtectsAreReprievedFirst() {
    NodeInfo n1 = node("n1", "2", placed("a", "1", 0, "n1", null), placed("b", "1", 0, "n1", null));
    Pdb keepA = Pdb.of(Fixtures.json("{'metadata':{'namespace':'default','name':'a'},'spec':{'selector':"
        + "{'matchLabels':{'app':'a'}}},'status':{'disruptionsAllowed':0}}"));
    Victims.Outcome o = Victims.select(new Cycle(preemptor("1", 100, null), List.of(n1)), n1, List.of(keepA), NOW);
    assertEquals(List.of("b"), names(o.candidate().pods()));
    assertEquals(0, o.candidate().pdbViolations());
    Victims.Outcome both = Victims.select(new Cycle(preemptor("2", 100, null), List.of(n1)), n1, List.of(keepA), NOW);
    assertEquals(List.of("a", "b"), names(both.candidate().pods()), "the violating one first");
    assertEquals(1, both.candidate().pdbViolations());
  }

  @Test
  void aNodeWithNoLowerPodsOrWhereEvenThatIsNotEnoughIsNoCandidate() {
    NodeInfo equal = node("equal", "2", placed("e", "2", 100, "equal", null));
    NodeInfo small = node("small", "1", placed("s", "1", 0, "small", null));
    NodeInfo tainted = Fixtures.node("tainted", "8", "8Gi", "{'spec':{'taints':[{'key':'k','effect':'NoSchedule'}]}}");
    Preemption.Decision d = preempt(preemptor("2", 100, null), List.of(), equal, small, tainted);
    assertNull(d.candidate());
    assertEquals("preemption: 0/3 nodes are available: 1 Insufficient cpu, 1 No preemption victims found for incoming"
        + " pod, 1 Preemption is not helpful for scheduling.", d.message());
  }

  @Test
  void theFailedSchedulingMessageCarriesPreemptionsAsKubesFitError() {
    NodeInfo n1 = node("n1", "1", placed("x", "1", 0, "n1", null));
    PodInfo pod = preemptor("2", 100, null);
    Cycle cycle = new Cycle(pod, List.of(n1));
    Algorithm.Result r = new Algorithm(new java.util.Random(1)).schedule(cycle);
    Preemption.Decision d = Preemption.preempt(cycle, r.statuses(), List.of(), 0, NOW);
    assertEquals("0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient"
        + " cpu..", r.message(d.message()));
    PodInfo never = preemptor("1", 100, "'preemptionPolicy':'Never'");
    Cycle c2 = new Cycle(never, List.of(n1));
    Algorithm.Result r2 = new Algorithm(new java.util.Random(1)).schedule(c2);
    assertEquals("0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to"
        + " preemptionPolicy=Never..", r2.message(Preemption.preempt(c2, r2.statuses(), List.of(), 0, NOW).message()));
  }

  @Test
  void theNodeWhoseVictimsMatterLeastIsPicked() {
    NodeInfo n1 = node("n1", "1", placed("a", "1", 10, "n1", null));
    NodeInfo n2 = node("n2", "1", placed("b", "1", 5, "n2", null));
    assertEquals("n2", preempt(preemptor("1", 100, null), List.of(), n1, n2).candidate().node(),
        "the lower highest victim");
  }

  @Test
  void pickOneNodeForPreemptionInKubesOrder() {
    PodInfo p5 = placed("p5", "1", 5, "x", null);
    PodInfo p5b = placed("p5b", "1", 5, "x", null);
    PodInfo p1 = placed("p1", "1", 1, "x", null);
    PodInfo old = placed("old", "1", 5, "x", "'status':{'startTime':'1970-01-01T00:00:01Z'}");
    PodInfo young = placed("young", "1", 5, "x", "'status':{'startTime':'1970-01-01T00:00:09Z'}");
    assertEquals("fewer-violations", Preemption.pick(List.of(new Candidate("more-violations", List.of(p1), 2),
        new Candidate("fewer-violations", List.of(p5), 1)), NOW).node());
    assertEquals("smaller-sum", Preemption.pick(List.of(new Candidate("bigger-sum", List.of(p5, p5b), 0),
        new Candidate("smaller-sum", List.of(p5, p1), 0)), NOW).node());
    assertEquals("fewer", Preemption.pick(List.of(new Candidate("more", List.of(p5, p1, p1), 0),
        new Candidate("fewer", List.of(p5, p1), 0)), NOW).node(), "each victim adds MaxInt32+1 to the sum");
    assertEquals("fewer-victims", Preemption.pick(List.of(new Candidate("more-victims", List.of(p5, p1, p1), 0),
        new Candidate("fewer-victims", List.of(p5, p5b), 0)), NOW).node(), "5+1+1 is less than 5+5, but not with the offsets");
    assertEquals("started-later", Preemption.pick(List.of(new Candidate("started-earlier", List.of(old), 0),
        new Candidate("started-later", List.of(young), 0)), NOW).node());
    assertEquals("first", Preemption.pick(List.of(new Candidate("first", List.of(young), 0),
        new Candidate("second", List.of(young), 0)), NOW).node());
  }

  @Test
  void whileItsVictimsTerminateOnItsNominatedNodeAPodDoesNotPreemptAgain() {
    PodInfo leaving = Fixtures.pod("leaving", "1", null, "{'metadata':{'deletionTimestamp':'2026-01-01T00:00:00Z'},"
        + "'spec':{'nodeName':'n1'},'status':{'conditions':[{'type':'DisruptionTarget','status':'True',"
        + "'reason':'PreemptionByScheduler'}]}}");
    NodeInfo n1 = node("n1", "1", leaving);
    NodeInfo n2 = node("n2", "1", placed("other", "1", 0, "n2", null));
    PodInfo pod = Fixtures.pod("high", "1", null, "{'spec':{'priority':100},'status':{'nominatedNodeName':'n1'}}");
    Nominator nominator = new Nominator();
    nominator.update(pod);
    Cycle cycle = new Cycle(pod, List.of(n1, n2), true, nominator);
    Map<String, Status> statuses = new LinkedHashMap<>(new Algorithm(new java.util.Random(1)).schedule(cycle).statuses());
    assertEquals("preemption: not eligible due to a terminating pod on the nominated node.",
        Preemption.preempt(cycle, statuses, List.of(), 0, NOW).message());
  }

  @Test
  void podsNominatedToANodeWithAtLeastThePodsPriorityHoldTheirRoom() {
    NodeInfo n1 = node("n1", "2");
    Nominator nominator = new Nominator();
    nominator.nominate(preemptor("2", 100, null), "n1");
    PodInfo low = Fixtures.pod("low", "1", null, "{'spec':{'priority':0}}");
    assertEquals(List.of("Insufficient cpu"),
        Algorithm.filter(new Cycle(low, List.of(n1), true, nominator), low, n1).reasons());
    PodInfo higher = Fixtures.pod("higher", "1", null, "{'spec':{'priority':1000}}");
    assertNull(Algorithm.filter(new Cycle(higher, List.of(n1), true, nominator), higher, n1));
  }
}
