package io.logplane.tests;

import static io.logplane.tests.Quantities.bytes;
import static io.logplane.tests.Quantities.millicores;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl top} of a real local node ({@link RealNodeFixture}) and its containers: a
 * spinning container's cpu, a container holding 50 MB's memory, and the node's usage counting
 * them, as the node reports them to the metrics API. Skipped, saying why, where real containers
 * cannot run.
 */
class LocalNodeTopIT {
  private static final RealNodeFixture.Names NAMES = new RealNodeFixture.Names("top-node-it",
      "10.244.227.0/24", "lpit27", "logplane_it_top", "logplane-it-top");
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
  void kubectlTopShowsTheCpuAndMemoryOfTheContainersAndTheNode() throws Exception {
    kubectl.ok("apply", "-f", kubectl.manifest("busy.yaml", """
        apiVersion: v1
        kind: Pod
        metadata: {name: busy, namespace: default}
        spec:
          nodeName: %1$s
          terminationGracePeriodSeconds: 1
          containers:
          - {name: spin, image: busybox:it, imagePullPolicy: Never, command: [sh, -c, "while :; do :; done"]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: hog, namespace: default}
        spec:
          nodeName: %1$s
          terminationGracePeriodSeconds: 1
          containers:
          - name: hold
            image: busybox:it
            imagePullPolicy: Never
            # a loop, not a last command the shell would exec, freeing the variable
            command: [sh, -c, "x=$(head -c 50000000 /dev/zero | tr '\\\\0' a); while :; do sleep 3600; done"]
        """.formatted(NODE)));
    try {
      kubectl.ok("wait", "--for=condition=Ready", "pod/busy", "pod/hog", "--timeout=60s");
      String busy = await("busy's usage").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
          .until(() -> kubectl.run("top", "pod", "busy", "--no-headers").out(), o -> o.startsWith("busy"));
      String[] b = busy.trim().split("\\s+");
      assertTrue(millicores(b[1]) > 100, "a spinning container uses over 100m: " + busy);
      String hog = await("hog's usage").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
          .until(() -> kubectl.run("top", "pod", "hog", "--no-headers").out(),
              o -> o.startsWith("hog") && bytes(o.trim().split("\\s+")[2]) >= 40L << 20);
      assertTrue(bytes(hog.trim().split("\\s+")[2]) < 1L << 30, hog);
      String containers = kubectl.ok("top", "pod", "busy", "--containers", "--no-headers").out();
      assertTrue(containers.matches("(?s)busy\\s+spin\\s+\\d+m\\s+\\d+Mi\\s*"), containers);
      String node = await("the node's usage").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
          .until(() -> kubectl.run("top", "node", NODE, "--no-headers").out(), o -> o.startsWith(NODE));
      String[] n = node.trim().split("\\s+");
      assertTrue(millicores(n[1]) >= 100, "the node's cpu counts the spinning container: " + node);
      assertTrue(n[2].endsWith("%") && n[3].endsWith("Mi") && n[4].endsWith("%"), node);
    } finally {
      kubectl.ok("delete", "pod", "busy", "hog", "--wait=false");
      await("the pods are gone").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
          .until(() -> kubectl.json("get", "pods").path("items").isEmpty());
    }
  }
}
