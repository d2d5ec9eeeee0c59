package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PersistentVolumeClaims on three hollow nodes, through the real kubectl: the default
 * {@code local-path} class given to a claim that names none, the claim Pending with
 * {@code WaitForFirstConsumer} until a pod uses it, then Bound to a volume the node's provisioner
 * made, pinned to the pod's node; the claim kept while its pod runs, then the volume deleted
 * with it. A StatefulSet's
 * volumeClaimTemplates give each replica its own claim and volume on its node. Hand-made local
 * volumes of a class without provisioner take their pods to their nodes. A pod whose claim does
 * not exist stays Pending with kube's message.
 */
class VolumesIT {

  @TempDir static Path dir;
  static Cluster cluster;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.withHollowNodes(dir, 3);
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aClaimWaitsForItsFirstConsumerThenBindsToAVolumeOnItsNode() throws Exception {
    String classes = kubectl.ok("get", "storageclass").out();
    assertTrue(classes.matches("(?s).*local-path \\(default\\)\\s+logplane.io/local-path\\s+Delete\\s+"
        + "WaitForFirstConsumer.*"), classes);
    kubectl.ok("apply", "-f", kubectl.manifest("claim.yaml", """
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data, namespace: default}
        spec:
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 2Gi}}
        """));
    assertEquals("local-path", kubectl.json("get", "pvc", "data").at("/spec/storageClassName").asText(),
        "given at admission");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
        kubectl.ok("describe", "pvc", "data").out().contains("waiting for first consumer to be created before binding"));
    JsonNode claim = kubectl.json("get", "pvc", "data");
    assertEquals("local-path", claim.at("/spec/storageClassName").asText());
    assertEquals("Pending", claim.at("/status/phase").asText());
    assertEquals("", claim.at("/spec/volumeName").asText());

    kubectl.ok("apply", "-f", kubectl.manifest("user.yaml", """
        apiVersion: v1
        kind: Pod
        metadata: {name: user, namespace: default}
        spec:
          containers: [{name: c, image: "busybox:1.36"}]
          volumes: [{name: d, persistentVolumeClaim: {claimName: data}}]
        """));
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
        "Bound".equals(kubectl.json("get", "pvc", "data").at("/status/phase").asText()));
    claim = kubectl.json("get", "pvc", "data");
    String node = kubectl.json("get", "pod", "user").at("/spec/nodeName").asText();
    String volume = claim.at("/spec/volumeName").asText();
    assertEquals("pvc-" + claim.at("/metadata/uid").asText(), volume);
    assertEquals(node, claim.at("/metadata/annotations/volume.kubernetes.io~1selected-node").asText());
    assertEquals("logplane.io/local-path", claim.at("/metadata/annotations/volume.kubernetes.io~1storage-provisioner")
        .asText());
    assertEquals("yes", claim.at("/metadata/annotations/pv.kubernetes.io~1bind-completed").asText());
    assertEquals("2Gi", claim.at("/status/capacity/storage").asText());
    JsonNode pv = kubectl.json("get", "pv", volume);
    assertEquals("Bound", pv.at("/status/phase").asText());
    assertEquals(node, pv.at("/spec/nodeAffinity/required/nodeSelectorTerms/0/matchExpressions/0/values/0").asText());
    assertEquals("kubernetes.io/hostname", pv.at("/spec/nodeAffinity/required/nodeSelectorTerms/0/matchExpressions/0/key")
        .asText());
    assertEquals("logplane.io/local-path", pv.at("/metadata/annotations/pv.kubernetes.io~1provisioned-by").asText());
    assertEquals("data", pv.at("/spec/claimRef/name").asText());
    assertEquals("Delete", pv.at("/spec/persistentVolumeReclaimPolicy").asText());
    String described = kubectl.ok("describe", "pvc", "data").out();
    for (String said : new String[] {"ExternalProvisioning", "Waiting for a volume to be created either by the external"
        + " provisioner 'logplane.io/local-path'", "ProvisioningSucceeded", "Successfully provisioned volume " + volume}) {
      assertTrue(described.contains(said), said + " in\n" + described);
    }
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
        "Running".equals(kubectl.json("get", "pod", "user").at("/status/phase").asText()));

    // the claim in use stays, terminating, with its volume bound, until its pod is gone
    kubectl.ok("delete", "pvc", "data", "--wait=false");
    claim = kubectl.json("get", "pvc", "data");
    assertTrue(claim.at("/metadata/deletionTimestamp").isTextual(), claim.toString());
    assertEquals("kubernetes.io/pvc-protection", claim.at("/metadata/finalizers/0").asText());
    assertTrue(kubectl.ok("describe", "pvc", "data").out().contains("Terminating"));
    assertEquals("Bound", kubectl.json("get", "pv", volume).at("/status/phase").asText());
    kubectl.ok("delete", "pod", "user", "--wait=true");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
        kubectl.run("get", "pv", volume).err().contains("NotFound"));
  }

  @Test
  void aStatefulSetGetsAClaimAndAVolumePerReplicaOnItsNode() throws Exception {
    kubectl.ok("apply", "-f", kubectl.manifest("sts.yaml", """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: default}
        spec:
          replicas: 3
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers: [{name: db, image: "db:1"}]
          volumeClaimTemplates:
          - metadata: {name: store}
            spec:
              accessModes: [ReadWriteOnce]
              resources: {requests: {storage: 1Gi}}
        """));
    kubectl.ok("rollout", "status", "sts/db", "--timeout=120s");
    Set<String> volumes = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      JsonNode claim = kubectl.json("get", "pvc", "store-db-" + i);
      assertEquals("Bound", claim.at("/status/phase").asText());
      String node = kubectl.json("get", "pod", "db-" + i).at("/spec/nodeName").asText();
      JsonNode pv = kubectl.json("get", "pv", claim.at("/spec/volumeName").asText());
      assertEquals(node, pv.at("/spec/nodeAffinity/required/nodeSelectorTerms/0/matchExpressions/0/values/0").asText());
      volumes.add(pv.at("/metadata/name").asText());
    }
    assertEquals(3, volumes.size());

    kubectl.ok("delete", "sts", "db", "--wait=true");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
        kubectl.json("get", "pods", "-l", "app=db").path("items").isEmpty());
    kubectl.ok("delete", "pvc", "store-db-0", "store-db-1", "store-db-2", "--wait=true");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
      Set<String> left = new HashSet<>();
      kubectl.json("get", "pv").path("items").forEach(v -> left.add(v.at("/metadata/name").asText()));
      left.retainAll(volumes);
      return left.isEmpty();
    });
  }

  /**
   * Local volumes made by hand, as kube's local volume docs show them: a class without a
   * provisioner that waits for the first consumer, volumes pinned to nodes. The scheduler sends
   * the pod to a node with a volume that fits its claim and binds the smallest such volume of
   * that node to the claim; a claim no volume fits leaves its pod Pending with kube's message.
   */
  @Test
  void aClaimOfAClassWithoutProvisionerGoesWithItsPodToTheNodeOfAHandMadeVolume() throws Exception {
    List<String> nodes = kubectl.ok("get", "nodes", "-o", "name").out().lines().map(l -> l.substring("node/".length()))
        .sorted().toList();
    assertEquals(3, nodes.size(), nodes.toString());
    StringBuilder yaml = new StringBuilder("""
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: local-manual}
        provisioner: kubernetes.io/no-provisioner
        volumeBindingMode: WaitForFirstConsumer
        """);
    // only the volumes of nodes.get(2) are large enough for the claim: the smaller of them is bound
    String[][] volumes = {{"manual-a", "1Gi", nodes.get(1), "local-manual"}, {"manual-b", "5Gi", nodes.get(2), "local-manual"},
        {"manual-d", "3Gi", nodes.get(2), "local-manual"}, {"manual-c", "4Gi", nodes.get(0), "other"}};
    for (String[] v : volumes) {
      yaml.append("---\n").append("""
          apiVersion: v1
          kind: PersistentVolume
          metadata: {name: %s}
          spec:
            capacity: {storage: %s}
            accessModes: [ReadWriteOnce]
            storageClassName: %s
            local: {path: /mnt/disks/%s}
            nodeAffinity:
              required:
                nodeSelectorTerms:
                - matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [%s]}]
          """.formatted(v[0], v[1], v[3], v[0], v[2]));
    }
    for (String[] claim : new String[][] {{"manual", "2Gi"}, {"manual-huge", "10Gi"}}) {
      yaml.append("---\n").append("""
          apiVersion: v1
          kind: PersistentVolumeClaim
          metadata: {name: %s, namespace: default}
          spec:
            storageClassName: local-manual
            accessModes: [ReadWriteOnce]
            resources: {requests: {storage: %s}}
          ---
          apiVersion: v1
          kind: Pod
          metadata: {name: %s-user, namespace: default}
          spec:
            containers: [{name: c, image: "busybox:1.36"}]
            volumes: [{name: d, persistentVolumeClaim: {claimName: %s}}]
          """.formatted(claim[0], claim[1], claim[0], claim[0]));
    }
    kubectl.ok("apply", "-f", kubectl.manifest("manual.yaml", yaml.toString()));
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
        "Bound".equals(kubectl.json("get", "pvc", "manual").at("/status/phase").asText()));
    assertEquals(nodes.get(2), kubectl.json("get", "pod", "manual-user").at("/spec/nodeName").asText(),
        "the node whose volumes fit");
    JsonNode claim = kubectl.json("get", "pvc", "manual");
    assertEquals("manual-d", claim.at("/spec/volumeName").asText(), "the smaller volume that fits");
    assertTrue(claim.at("/metadata/annotations/volume.kubernetes.io~1selected-node").isMissingNode(),
        "nothing to provision: " + claim);
    assertEquals("3Gi", claim.at("/status/capacity/storage").asText());
    JsonNode pv = kubectl.json("get", "pv", "manual-d");
    assertEquals("Bound", pv.at("/status/phase").asText());
    assertEquals(claim.at("/metadata/uid").asText(), pv.at("/spec/claimRef/uid").asText());
    assertEquals("yes", pv.at("/metadata/annotations/pv.kubernetes.io~1bound-by-controller").asText());
    assertEquals("Available", kubectl.json("get", "pv", "manual-b").at("/status/phase").asText());
    assertEquals("Available", kubectl.json("get", "pv", "manual-a").at("/status/phase").asText());

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
        kubectl.ok("describe", "pod", "manual-huge-user").out().contains("0/3 nodes are available: 3 node(s) didn't find"
            + " available persistent volumes to bind. preemption: 0/3 nodes are available: 3 Preemption is not helpful for"
            + " scheduling.."));
    assertEquals("Pending", kubectl.json("get", "pvc", "manual-huge").at("/status/phase").asText());
    kubectl.ok("delete", "pod", "manual-user", "manual-huge-user", "--wait=true");
    kubectl.ok("delete", "pvc", "manual", "manual-huge", "--wait=true");
    kubectl.ok("delete", "pv", "manual-a", "manual-b", "manual-c", "manual-d", "--wait=true");
    kubectl.ok("delete", "storageclass", "local-manual");
  }

  @Test
  void aPodWhoseClaimIsMissingStaysPendingWithKubesMessage() throws Exception {
    kubectl.ok("apply", "-f", kubectl.manifest("orphan.yaml", """
        apiVersion: v1
        kind: Pod
        metadata: {name: orphan, namespace: default}
        spec:
          containers: [{name: c, image: "busybox:1.36"}]
          volumes: [{name: d, persistentVolumeClaim: {claimName: nope}}]
        """));
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
        kubectl.ok("describe", "pod", "orphan").out().contains("0/3 nodes are available: persistentvolumeclaim \"nope\""
            + " not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.."));
    assertEquals("", kubectl.json("get", "pod", "orphan").at("/spec/nodeName").asText());
    kubectl.ok("delete", "pod", "orphan", "--wait=true");
  }
}
