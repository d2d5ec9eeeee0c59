package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hollow nodes in the server's process, as {@code logplane up --hollow-nodes 3} runs them,
 * seen through the real kubectl: Nodes Ready with a pod CIDR of the cluster CIDR, Leases renewed,
 * a pod bound to a node run and ready with an IP of that node's CIDR, a run-for pod succeeding, a deleted pod gone.
 */
class HollowNodesIT {

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
  void theNodesAreReadyWithTheirLabelsAndResources() throws Exception {
    String table = kubectl.ok("get", "nodes").out();
    for (int i = 0; i < 3; i++) {
      String row = "hollow-node-" + i + "\\s+Ready\\s+hollow\\s+.*v1\\.28\\.7-logplane";
      assertTrue(table.lines().anyMatch(l -> l.matches(row)), row + " in\n" + table);
    }
    JsonNode node = kubectl.json("get", "node", "hollow-node-2");
    assertEquals("zone-c", node.at("/metadata/labels/topology.kubernetes.io~1zone").asText());
    assertEquals("linux", node.at("/metadata/labels/kubernetes.io~1os").asText());
    assertEquals("4", node.at("/status/allocatable/cpu").asText());
    assertEquals("110", node.at("/status/capacity/pods").asText());
    assertTrue(node.at("/spec/podCIDR").asText().matches("10\\.244\\.[0-9]+\\.0/24"), node.toString());
    assertEquals(node.at("/spec/podCIDR"), node.at("/spec/podCIDRs/0"));
    assertEquals("v1.28.7-logplane", node.at("/status/nodeInfo/kubeletVersion").asText());
  }

  @Test
  void eachNodeRenewsItsLease() throws Exception {
    JsonNode lease = kubectl.json("get", "lease", "-n", "kube-node-lease", "hollow-node-0");
    assertEquals("hollow-node-0", lease.at("/spec/holderIdentity").asText());
    assertEquals(40, lease.at("/spec/leaseDurationSeconds").asInt());
    assertEquals("Node", lease.at("/metadata/ownerReferences/0/kind").asText());
    String first = lease.at("/spec/renewTime").asText();
    await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(2)).until(() ->
        !first.equals(kubectl.json("get", "lease", "-n", "kube-node-lease", "hollow-node-0")
            .at("/spec/renewTime").asText()));
    // each node writes as itself, held to what a node may do, as kubemark's hollow kubelets
    JsonNode versions = kubectl.json("get", "versions.history.logplane.io", "-n", "kube-node-lease",
        "--field-selector", "target.name=hollow-node-1");
    JsonNode last = versions.path("items").get(versions.path("items").size() - 1);
    assertEquals("system:node:hollow-node-1", last.path("actor").asText(), versions.toString());
  }

  @Test
  void aPodBoundToANodeRunsThereAndIsReadyThenGoesWhenDeleted() throws Exception {
    kubectl.ok("apply", "-f", kubectl.manifest("web.yaml", """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: default}
        spec:
          nodeName: hollow-node-1
          containers: [{name: web, image: "nginx:1.25"}]
        """));
    kubectl.ok("wait", "--for=condition=Ready", "pod/web", "--timeout=60s");
    JsonNode pod = kubectl.json("get", "pod", "web");
    assertEquals("Running", pod.at("/status/phase").asText());
    String cidr = kubectl.json("get", "node", "hollow-node-1").at("/spec/podCIDR").asText();
    assertTrue(pod.at("/status/podIP").asText().startsWith(cidr.substring(0, cidr.length() - "0/24".length())),
        pod + " in " + cidr);
    assertEquals("172.16.0.2", pod.at("/status/hostIP").asText());
    assertTrue(pod.at("/status/containerStatuses/0/containerID").asText().startsWith("hollow://"));
    // the node records its Events after the status that shows the container started
    AtomicReference<String> describe = new AtomicReference<>();
    try {
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
        describe.set(kubectl.ok("describe", "pod", "web").out());
        return describe.get().matches("(?s).*Events:.*Pulled.*Created.*"
            + "Started\\s+\\S+\\s+kubelet\\s+Started container web.*");
      });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("no Events in\n" + describe.get() + "\nevents:\n"
          + kubectl.run("get", "events", "-o", "yaml").all(), e);
    }

    kubectl.ok("delete", "pod", "web", "--timeout=60s");
    Kubectl.Result gone = kubectl.run("get", "pod", "web");
    assertNotEquals(0, gone.exit(), gone.all());
    assertTrue(gone.err().contains("NotFound"), gone.all());
  }

  @Test
  void aPodThatRunsForASecondWithoutRestartsSucceeds() throws Exception {
    kubectl.ok("apply", "-f", kubectl.manifest("once.yaml", """
        apiVersion: v1
        kind: Pod
        metadata:
          name: once
          namespace: default
          annotations: {hollow.logplane.io/run-for: 1s}
        spec:
          nodeName: hollow-node-0
          restartPolicy: Never
          containers: [{name: job, image: busybox}]
        """));
    kubectl.ok("wait", "--for=jsonpath={.status.phase}=Succeeded", "pod/once", "--timeout=60s");
    JsonNode t = kubectl.json("get", "pod", "once").at("/status/containerStatuses/0/state/terminated");
    assertEquals(0, t.path("exitCode").asInt());
    assertEquals("Completed", t.path("reason").asText());
  }


}
