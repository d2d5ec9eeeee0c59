package io.logplane.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster DNS seen from a pod of a real local node ({@link RealNodeFixture}): the pod's
 * {@code resolv.conf} names the DNS's Service address and the cluster's search domains, and the
 * DNS answers a Service's name with its cluster IP. Skipped, saying why, where real containers
 * cannot run.
 */
class LocalNodeDnsIT {
  private static final RealNodeFixture.Names NAMES = new RealNodeFixture.Names("dns-node-it",
      "10.244.228.0/24", "lpit28", "logplane_it_dnsnode", "logplane-it-dnsnode");
  private static final String NODE = NAMES.node();

  @TempDir static Path dir;
  static Upstream upstream;
  static int dnsPort;
  static RealNodeFixture fixture;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    RealNodeFixture.assumeRealNodes();
    upstream = new Upstream();
    dnsPort = ClusterFixture.freeUdpPort();
    fixture = RealNodeFixture.on(ClusterFixture.withDns(dir, dnsPort, upstream.address()), dir, NAMES,
        java.util.Map.of());
    kubectl = fixture.kubectl;
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      RealNodeFixture.stopCleanly(fixture);
    } finally {
      if (upstream != null) {
        upstream.close();
      }
    }
  }

  @Test
  void aPodsResolvConfNamesTheClusterDnsWhichAnswersIt() throws Exception {
    kubectl.ok("apply", "-f", kubectl.manifest("dns-client.yaml", """
        apiVersion: v1
        kind: Pod
        metadata: {name: dns-client, namespace: default}
        spec:
          nodeName: %s
          terminationGracePeriodSeconds: 1
          containers:
          - {name: c, image: "busybox:it", imagePullPolicy: Never, command: [sleep, "1000000"]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: named, namespace: default}
        spec:
          ports: [{port: 80}]
        """.formatted(NODE)));
    kubectl.ok("wait", "--for=condition=Ready", "pod/dns-client", "--timeout=60s");
    assertEquals("nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local",
        kubectl.ok("exec", "dns-client", "--", "cat", "/etc/resolv.conf").out().lines().limit(2)
            .reduce((a, b) -> a + "\n" + b).orElse(""));
    // Until the service proxy brings pods from kube-dns's cluster IP to it, the DNS is asked
    // where it listens for pods: the node's address.
    String hostIp = kubectl.json("get", "node", NODE).at("/status/addresses/0/address").asText();
    String clusterIp = kubectl.json("get", "svc", "named").at("/spec/clusterIP").asText();
    String out = kubectl.ok("exec", "dns-client", "--", "nslookup", "-type=a",
        "named.default.svc.cluster.local", hostIp + ":" + dnsPort).out();
    assertTrue(out.contains("Address: " + clusterIp), out);
    // Gone before the node stops: a container still running then keeps the node's drop rules.
    kubectl.ok("delete", "pod", "dns-client", "--timeout=60s");
    kubectl.ok("delete", "service", "named");
  }
}
