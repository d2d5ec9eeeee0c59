package io.logplane.scheduler;

import static io.logplane.scheduler.internal.Fixtures.json;
import static io.logplane.scheduler.internal.Fixtures.nodeObject;
import static io.logplane.scheduler.internal.Fixtures.podObject;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logplane.projections.Key;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** VolumeBinding in the scheduler: missing claims, bound volumes' node affinity, claims to provision on the node chosen. */
class SchedulerVolumesTest {

  final MemoryCluster cluster = new MemoryCluster();
  final AtomicLong clock = new AtomicLong(1_000_000);
  final Scheduler scheduler = new Scheduler(cluster.informers, cluster, clock::get, new Random(7));

  SchedulerVolumesTest() {
    scheduler.follow(cluster.informers);
    for (String n : List.of("n1", "n2", "n3")) {
      cluster.put(new Key("core", "nodes", "", n), nodeObject(n, "4", "8Gi", null));
    }
    cluster.put(Key.parse("storage.k8s.io/storageclasses//local-path"), json("{'metadata':{'name':'local-path'},"
        + "'provisioner':'logplane.io/local-path','volumeBindingMode':'WaitForFirstConsumer'}"));
    cluster.put(Key.parse("storage.k8s.io/storageclasses//manual"), json("{'metadata':{'name':'manual'},"
        + "'provisioner':'kubernetes.io/no-provisioner','volumeBindingMode':'Immediate'}"));
  }

  @Test
  void aPodWhoseClaimIsMissingStaysPendingWithKubesMessage() {
    pod("p", "data");
    runAll();
    assertEquals(List.of("p: 0/3 nodes are available: persistentvolumeclaim \"data\" not found. preemption: 0/3 nodes"
        + " are available: 3 Preemption is not helpful for scheduling.."), events("FailedScheduling"));
    assertEquals("", nodeOf("p"));
  }

  @Test
  void aPodWithAnUnboundImmediateClaimWaitsForTheBinder() {
    claim("data", "manual", "", "");
    pod("p", "data");
    runAll();
    assertEquals(List.of("p: 0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption:"
        + " 0/3 nodes are available: 3 Preemption is not helpful for scheduling.."), events("FailedScheduling"));
  }

  @Test
  void aPodGoesWhereItsBoundVolumeIs() {
    claim("data", "local-path", "pv-1", "");
    cluster.put(Key.parse("core/persistentvolumes//pv-1"), json("{'metadata':{'name':'pv-1'},'spec':{'nodeAffinity':"
        + "{'required':{'nodeSelectorTerms':[{'matchExpressions':[{'key':'kubernetes.io/hostname','operator':'In',"
        + "'values':['n2']}]}]}}}}"));
    pod("p", "data");
    runAll();
    assertEquals("n2", nodeOf("p"));

    cluster.put(new Key("core", "nodes", "", "n2"), nodeObject("n2", "4", "8Gi",
        "{'spec':{'unschedulable':true}}"));
    pod("q", "data");
    runAll();
    assertEquals(List.of("q: 0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) had volume node affinity"
        + " conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.."),
        events("FailedScheduling"));
  }

  @Test
  void aClaimWaitingForItsFirstConsumerIsGivenTheNodeChosen() {
    claim("data", "local-path", "", "");
    pod("p", "data");
    runAll();
    String node = nodeOf("p");
    assertEquals(List.of("n1", "n2", "n3").contains(node), true, node);
    assertEquals(node, cluster.get(Key.parse("core/persistentvolumeclaims/default/data")).path("metadata")
        .path("annotations").path("volume.kubernetes.io/selected-node").asText());
  }

  private void claim(String name, String cls, String volume, String more) {
    cluster.put(Key.parse("core/persistentvolumeclaims/default/" + name), json("{'metadata':{'name':'" + name
        + "','namespace':'default'},'spec':{'storageClassName':'" + cls + "','volumeName':'" + volume + "'}}"));
  }

  private void pod(String name, String claim) {
    cluster.put(new Key("core", "pods", "default", name), podObject(name, "1", null,
        "{'spec':{'volumes':[{'name':'v','persistentVolumeClaim':{'claimName':'" + claim + "'}}]}}"));
  }

  private String nodeOf(String pod) {
    return cluster.get(new Key("core", "pods", "default", pod)).path("spec").path("nodeName").asText("");
  }

  private void runAll() {
    while (scheduler.scheduleOne()) {
      // each step schedules one pod
    }
  }

  private List<String> events(String reason) {
    return cluster.list("core/events/").stream().filter(e -> e.path("reason").asText().equals(reason))
        .map(e -> e.path("involvedObject").path("name").asText() + ": " + e.path("message").asText()).sorted().toList();
  }
}
