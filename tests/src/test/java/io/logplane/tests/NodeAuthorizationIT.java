package io.logplane.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.api.auth.Kubeconfig;
import io.logplane.kubeclient.KubeConfig;
import io.logplane.launcher.Cluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Node authorizer and NodeRestriction with the real kubectl, as a node's certificate
 * ({@code system:node:n1} in {@code system:nodes}): it reads the Secrets and ConfigMaps of the
 * pods bound to it and no others, lists no Secrets, writes its own Node and Lease but not another
 * node's, deletes only its pods, creates no pod but a mirror pod; refused in kube-apiserver's words.
 */
class NodeAuthorizationIT {

  @TempDir static Path dir;
  static Cluster cluster;
  static Kubectl admin;
  static Kubectl node;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(dir);
    admin = new Kubectl(cluster.kubeconfig(), dir);
    KubeConfig n1 = cluster.nodeCredentials("n1");
    Path file = dir.resolve("n1.kubeconfig");
    Kubeconfig.write(file, Kubeconfig.render("logplane", cluster.url(), new String(n1.caPem(), StandardCharsets.UTF_8),
        "n1", null, new String(n1.clientCertPem(), StandardCharsets.UTF_8),
        new String(n1.clientKeyPem(), StandardCharsets.UTF_8)));
    node = new Kubectl(file, dir);
    admin.ok("create", "secret", "generic", "used", "--from-literal=k=v");
    admin.ok("create", "secret", "generic", "unused", "--from-literal=k=v");
    admin.ok("create", "configmap", "settings", "--from-literal=k=v");
    admin.ok("apply", "-f", admin.manifest("objects.yaml", """
        apiVersion: v1
        kind: Node
        metadata: {name: n1}
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: n2}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: on-n1}
        spec:
          nodeName: n1
          containers:
          - name: c
            image: busybox
            envFrom: [{configMapRef: {name: settings}}]
          volumes: [{name: s, secret: {secretName: used}}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: on-n2}
        spec:
          nodeName: n2
          containers: [{name: c, image: busybox}]
          volumes: [{name: s, secret: {secretName: unused}}]
        """));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aNodeReadsWhatItsPodsUseAndNothingElse() {
    assertTrue(node.ok("auth", "whoami").out().contains("system:node:n1"));
    node.ok("get", "secret", "used");
    node.ok("get", "configmap", "settings");
    Kubectl.Result other = node.run("get", "secret", "unused");
    assertEquals("Error from server (Forbidden): secrets \"unused\" is forbidden: User \"system:node:n1\" cannot get"
        + " resource \"secrets\" in API group \"\" in the namespace \"default\": no relationship found between node"
        + " 'n1' and this object\n", other.err(), other.all());
    Kubectl.Result list = node.run("get", "secrets");
    assertNotEquals(0, list.exit());
    assertTrue(list.err().contains("cannot list resource \"secrets\""), list.all());
    // the access reviews ask the same authorizer
    assertEquals("yes\n", admin.run("auth", "can-i", "get", "secret/used", "--as", "system:node:n1", "--as-group",
        "system:nodes").out());
    assertEquals("no - no relationship found between node 'n1' and this object\n", admin.run("auth", "can-i", "get",
        "secret/unused", "--as", "system:node:n1", "--as-group", "system:nodes").out());
  }

  @Test
  void aNodeWritesItselfAndItsPodsOnly() throws Exception {
    node.ok("label", "node", "n1", "disk=ssd");
    Kubectl.Result other = node.run("label", "node", "n2", "disk=ssd");
    assertEquals("Error from server (Forbidden): nodes \"n2\" is forbidden: node \"n1\" is not allowed to modify node"
        + " \"n2\"\n", other.err(), other.all());
    Kubectl.Result restricted = node.run("label", "node", "n1", "node-restriction.kubernetes.io/pool=a");
    assertTrue(restricted.err().contains("nodes \"n1\" is forbidden: is not allowed to modify labels:"
        + " node-restriction.kubernetes.io/pool"), restricted.all());
    Kubectl.Result delete = node.run("delete", "pod", "on-n2", "--wait=false");
    assertEquals("Error from server (Forbidden): pods \"on-n2\" is forbidden: node \"n1\" can only delete pods with"
        + " spec.nodeName set to itself\n", delete.err(), delete.all());
    Kubectl.Result run = node.run("run", "mine", "--image=busybox");
    assertTrue(run.err().contains("pods \"mine\" is forbidden: pod does not have \"kubernetes.io/config.mirror\""
        + " annotation, node \"n1\" can only create mirror pods"), run.all());
    Kubectl.Result lease = node.run("create", "-n", "kube-node-lease", "-f", node.manifest("lease.yaml", """
        apiVersion: coordination.k8s.io/v1
        kind: Lease
        metadata: {name: n2}
        spec: {holderIdentity: n2}
        """));
    assertTrue(lease.err().contains("leases.coordination.k8s.io \"n2\" is forbidden: can only access node lease with"
        + " the same name as the requesting node"), lease.all());
    node.ok("delete", "pod", "on-n1", "--wait=false");
  }
}
