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

/**
 * VolumeBinding in the scheduler: missing claims, bound volumes' node affinity, claims to
 * provision on the node chosen, hand-made volumes bound to the claims of the pod sent to them.
 */
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

  /**
   * Hand-made volumes of a WaitForFirstConsumer class without provisioner: the pod goes to the
   * node of the smallest volume that fits its claim, which PreBind binds to the claim; two claims
   * of one pod take two volumes; with no volume left, no node fits.
   */
  @Test
  void claimsOfAClassWithoutProvisionerTakeTheHandMadeVolumesOfTheNodeChosen() {
    cluster.put(Key.parse("storage.k8s.io/storageclasses//local-wait"), json("{'metadata':{'name':'local-wait'},"
        + "'provisioner':'kubernetes.io/no-provisioner','volumeBindingMode':'WaitForFirstConsumer'}"));
    volume("small-n2", "1Gi", "n2", "local-wait", "Available");
    volume("big-n3", "5Gi", "n3", "local-wait", "Available");
    volume("small-n3", "1Gi", "n3", "local-wait", "Available");
    volume("released-n1", "1Gi", "n1", "local-wait", "Released");
    volume("other-n1", "1Gi", "n1", "manual", "Available");
    sizedClaim("a", "1Gi");
    pod("p", "a");
    runAll();
    String node = nodeOf("p");
    assertEquals(true, node.equals("n2") || node.equals("n3"), node);
    String bound = node.equals("n2") ? "small-n2" : "small-n3";
    assertEquals("a", cluster.get(Key.parse("core/persistentvolumes//" + bound)).at("/spec/claimRef/name").asText(),
        "the smallest volume of the node, bound to the claim");
    assertEquals("yes", cluster.get(Key.parse("core/persistentvolumes//" + bound))
        .at("/metadata/annotations/pv.kubernetes.io~1bound-by-controller").asText());
    assertEquals("", cluster.get(Key.parse("core/persistentvolumeclaims/default/a"))
        .at("/metadata/annotations/volume.kubernetes.io~1selected-node").asText(), "nothing to provision");

    sizedClaim("b", "1Gi");
    sizedClaim("c", "2Gi");
    cluster.put(new Key("core", "pods", "default", "q"), podObject("q", "1", null,
        "{'spec':{'volumes':[{'name':'v','persistentVolumeClaim':{'claimName':'b'}},"
            + "{'name':'w','persistentVolumeClaim':{'claimName':'c'}}]}}"));
    runAll();
    if (node.equals("n2")) { // n3 still has both of its volumes: one for each claim
      assertEquals("n3", nodeOf("q"));
      assertEquals("b", cluster.get(Key.parse("core/persistentvolumes//small-n3")).at("/spec/claimRef/name").asText());
      assertEquals("c", cluster.get(Key.parse("core/persistentvolumes//big-n3")).at("/spec/claimRef/name").asText());
    } else { // small-n2 cannot hold c
      assertEquals(List.of("q: 0/3 nodes are available: 3 node(s) didn't find available persistent volumes to bind."
          + " preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.."),
          events("FailedScheduling"));
    }
  }

  private void volume(String name, String size, String node, String cls, String phase) {
    cluster.put(Key.parse("core/persistentvolumes//" + name), json("{'metadata':{'name':'" + name + "'},'spec':{"
        + "'capacity':{'storage':'" + size + "'},'accessModes':['ReadWriteOnce'],'storageClassName':'" + cls + "',"
        + "'local':{'path':'/mnt/" + name + "'},'nodeAffinity':{'required':{'nodeSelectorTerms':[{'matchExpressions':"
        + "[{'key':'kubernetes.io/hostname','operator':'In','values':['" + node + "']}]}]}}},"
        + "'status':{'phase':'" + phase + "'}}"));
  }

  private void sizedClaim(String name, String size) {
    cluster.put(Key.parse("core/persistentvolumeclaims/default/" + name), json("{'metadata':{'name':'" + name
        + "','namespace':'default','uid':'uid-" + name + "'},'spec':{'storageClassName':'local-wait',"
        + "'accessModes':['ReadWriteOnce'],'resources':{'requests':{'storage':'" + size + "'}}}}"));
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
