package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.bench.BenchCommand;
import io.logplane.launcher.Cluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code logplane bench --scenarios scheduler,deployment} against a real Logplane with three
 * hollow nodes, at a small size: every pod bound onto the fake nodes and the Deployment Ready,
 * the figures printed, and nothing left behind: the Lease back with Logplane's scheduler (a pod
 * made afterwards is bound), no fake node, no bench namespace. And {@code --scenarios dns,service}:
 * the cluster DNS answering every query right, found by its kube-dns Endpoints; the service
 * scenario skipped for want of a real node here ({@code LocalNodeIT} runs it on one).
 */
class ControlPlaneBenchIT {

  @TempDir static Path dir;
  static Upstream upstream;
  static Cluster cluster;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    upstream = new Upstream();
    cluster = ClusterFixture.withDnsAndHollowNodes(dir, 3, ClusterFixture.freeUdpPort(),
        upstream.address());
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void measuresTheClusterDnsAndSkipsTheServiceProxyWithoutANodeHere() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine bench = new CommandLine(new BenchCommand());
    bench.setOut(new PrintWriter(out));
    int code = bench.execute("--kubeconfig", cluster.kubeconfig().toString(),
        "--scenarios", "dns,service", "--dns-services", "20", "--dns-queries", "2000",
        "--dns-in-flight", "4");
    String text = out.toString();
    System.out.println(text);
    assertEquals(0, code, text);
    assertTrue(text.contains("dns: 20 Services in bench-dns-"), text);
    assertTrue(text.matches("(?s).*\\ndns +ok=2000 errors=0  [0-9.]+/s  p50=[0-9.]+ms p99=[0-9.]+ms"
        + " max=[0-9.]+ms  UDP A queries, 20 Services, 20% NXDOMAIN, 4 in flight, 0 timeouts"
        + " \\(1000 ms\\), 0 late; /127\\.0\\.0\\.1:" + cluster.dnsPort() + "\\n.*"), text);
    assertTrue(text.contains("service: skipped: needs a Ready node with a service proxy on this"
        + " machine"), text);
    assertFalse(kubectl.ok("get", "namespaces", "-o", "name").out().contains("bench-dns-"),
        kubectl.ok("get", "namespaces").out());
  }

  @Test
  void measuresSchedulingAndADeploymentThenLeavesTheClusterAsItWas() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine bench = new CommandLine(new BenchCommand());
    bench.setOut(new PrintWriter(out));
    int code = bench.execute("--kubeconfig", cluster.kubeconfig().toString(),
        "--scenarios", "scheduler,deployment", "--sched-nodes", "50", "--sched-pods", "300",
        "--deploy-nodes", "3", "--deploy-replicas", "30", "--deploy-timeout", "2m",
        "--sched-timeout", "2m");
    String text = out.toString();
    System.out.println(text);
    assertEquals(0, code, text);
    assertTrue(text.contains("took the Lease kube-system/kube-scheduler from '"), text);
    assertTrue(text.contains("sched nodes            ok=50 errors=0"), text);
    assertTrue(text.contains("sched pods             ok=300 errors=0"), text);
    assertTrue(text.contains("scheduler: 300 pods pending in bench-sched-"), text);
    assertTrue(text.matches("(?s).*\\nsched bind             ok=300 errors=0  [0-9.]+/s  no samples"
        + "  first bind [0-9.]+s after the release, last [0-9.]+s after it \\([0-9]+/s from the"
        + " release\\); server CPU [0-9.]+s from the release to the last bind, [0-9.]+ ms per bind\\n.*"), text);
    assertTrue(text.matches("(?s).*\\nsched memory           ok=1 errors=0  no samples  RSS [0-9.]+"
        + " MiB: java\\[[0-9]+\\] [0-9.]+ MiB\\n.*"), text);
    assertTrue(text.contains("pods, namespace bench-sched-"), text);
    assertTrue(text.contains("deployment: 3 Ready nodes"), text);
    assertTrue(text.matches("(?s).*\\ndeployment             ok=30 errors=0  no samples  ready"
        + " [0-9.]+s after the create: pods created [0-9.]+s, bound [0-9.]+s, Ready [0-9.]+s\\n.*"),
        text);
    assertTrue(text.contains("deploy delete          ok=30 errors=0"), text);

    JsonNode lease = kubectl.json("get", "lease", "-n", "kube-system", "kube-scheduler");
    assertFalse(lease.at("/spec/holderIdentity").asText().startsWith("logplane-bench-"),
        lease.toString());
    assertEquals("", kubectl.ok("get", "nodes", "-l", "bench.logplane.io/fake", "-o", "name")
        .out().strip());
    assertFalse(kubectl.ok("get", "namespaces", "-o", "name").out().contains("bench-"),
        kubectl.ok("get", "namespaces").out());

    kubectl.ok("apply", "-f", kubectl.manifest("after.yaml", """
        apiVersion: v1
        kind: Pod
        metadata: {name: after-the-bench, namespace: default}
        spec:
          containers: [{name: c, image: "registry.k8s.io/pause:3.9"}]
        """));
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
        kubectl.json("get", "pod", "-n", "default", "after-the-bench")
            .at("/spec/nodeName").asText().startsWith("hollow-node-"));
  }

  @Test
  void comparesAServerWithItselfInAlternatingRounds() {
    StringWriter out = new StringWriter();
    CommandLine bench = new CommandLine(new BenchCommand());
    bench.setOut(new PrintWriter(out));
    String kubeconfig = cluster.kubeconfig().toString();
    int code = bench.execute("--kubeconfig", kubeconfig, "--compare", kubeconfig, "--run", "cmp",
        "--scenarios", "create,get,list", "--warmup", "0", "--pods", "10", "--clients", "2", "--list-runs", "1",
        "--list-warmup", "0", "--rounds", "2");
    String text = out.toString();
    System.out.println(text);
    assertEquals(0, code, text);
    assertTrue(text.indexOf("bench: round 1 on A") < text.indexOf("bench: round 1 on B")
        && text.indexOf("bench: round 2 on B") < text.indexOf("bench: round 2 on A"), text);
    assertTrue(text.contains("\nA create c=2 r1          ok=10 errors=0"), text);
    assertTrue(text.contains("\nB list r2"), text);
    assertTrue(text.matches("(?s).*\nA get c=2 r1 +ok=10 errors=0 .*"), text);
    assertTrue(text.matches("(?s).*\ncreate c=2 r2 +[0-9.]+ +[0-9.]+ +[0-9.]+× .*"), text);
    // The namespaces go once their pods, bound to the hollow nodes, are gone.
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
        !kubectl.ok("get", "namespaces", "-o", "name").out().contains("bench-cmp"));
  }
}
