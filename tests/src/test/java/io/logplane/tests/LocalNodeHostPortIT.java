package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code hostPort} on a real local node ({@link RealNodeFixture}), through the real kubectl:
 * the pod serves on the node's address at that port (the CNI portmap plugin's rules), and a
 * second pod wanting the same port is not scheduled, with the scheduler's message. Skipped,
 * saying why, where real containers cannot run.
 */
class LocalNodeHostPortIT {
  private static final RealNodeFixture.Names NAMES = new RealNodeFixture.Names("hostport-node-it",
      "10.244.226.0/24", "lpit26", "logplane_it_hostport", "logplane-it-hostport");
  private static final String NODE = NAMES.node();

  @TempDir static Path dir;
  static RealNodeFixture fixture;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    fixture = RealNodeFixture.start(dir, NAMES);
    kubectl = fixture.kubectl;
  }

  @AfterAll
  static void stop() throws Exception {
    RealNodeFixture.stopCleanly(fixture);
  }

  @Test
  void aHostPortServesThePodOnTheNodesAddressAndASecondPodWantingItIsNotScheduled() throws Exception {
    String ip = kubectl.json("get", "node", NODE).at("/status/addresses/0/address").asText();
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String pod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: %s, namespace: default}
        spec:
          terminationGracePeriodSeconds: 1
          containers:
          - name: web
            image: busybox:it
            imagePullPolicy: Never
            command: [httpd, -f, -p, "8080", -h, /www]
            ports: [{containerPort: 8080, hostPort: %d}]
        """;
    kubectl.ok("apply", "-f", kubectl.manifest("hostport.yaml", pod.formatted("hostport", port)));
    try {
      kubectl.ok("wait", "--for=condition=Ready", "pod/hostport", "--timeout=60s");
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://" + ip + ":" + port + "/index.html")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertEquals("hello from a pod\n", r.body());
      kubectl.ok("apply", "-f", kubectl.manifest("hostport2.yaml", pod.formatted("hostport2", port)));
      String described = await("the second pod is not scheduled").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofSeconds(1)).until(() -> kubectl.ok("describe", "pod", "hostport2").out(),
              d -> d.contains("FailedScheduling"));
      assertTrue(described.contains("0/1 nodes are available: 1 node(s) didn't have free ports for the requested"
          + " pod ports."), described);
      assertEquals("Pending", kubectl.json("get", "pod", "hostport2").at("/status/phase").asText());
    } finally {
      kubectl.ok("delete", "pod", "hostport", "hostport2", "--wait=false", "--ignore-not-found");
      await("the pods are gone").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
          .until(() -> kubectl.json("get", "pods").path("items").isEmpty());
    }
  }
}
