package io.logplane.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import io.logplane.launcher.UpCommand;
import io.logplane.node.NodeImages;
import io.logplane.node.RealNode;
import io.logplane.node.RealNodeOptions;
import io.logplane.node.internal.images.BusyboxArchive;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real local node for a test class, running real containers: busybox (as {@value #IMAGE},
 * serving {@code hello from a pod} at {@code /www/index.html}) imported into its store, deployed
 * on a Logplane with a bridge, pod CIDR, nftables tables, cgroup and server port (any free one)
 * of its own ({@link Names}), apart from other tests' and from a {@code logplane up} on this
 * machine; {@link #stop} stops both and removes what the node leaves on the machine. Tests using
 * it are skipped, saying why, where real containers cannot run (not root, tools missing).
 */
final class RealNodeFixture {
  /** The busybox image every real node of the tests holds. */
  static final String IMAGE = "busybox:it";
  private static final String[] CGROUP_CONTROLLERS = {"cpu", "memory", "pids", "devices", "freezer",
      "blkio", "cpuset", "cpuacct", "systemd", "unified"};

  /** The names a node of a test gives itself and what it makes on the machine. */
  record Names(String node, String cidr, String bridge, String table, String cgroup) {
    /** The pod CIDR's first three octets with their dot, such as {@code 10.244.247.}. */
    String prefix() {
      return cidr.substring(0, cidr.lastIndexOf('.') + 1);
    }
  }

  /** What the node's clean stop left: the uplink drop rules', the proxy's and the policies' nftables tables. */
  record Left(boolean guard, boolean proxy, boolean policy) {}

  /** What a stop saw: the packets the drop rules had dropped, and the tables left. */
  record Stopped(long dropped, Left left) {}

  final Names names;
  final Cluster cluster;
  final RealNode node;
  final Kubectl kubectl;

  private RealNodeFixture(Names names, Cluster cluster, RealNode node, Kubectl kubectl) {
    this.names = names;
    this.cluster = cluster;
    this.node = node;
    this.kubectl = kubectl;
  }

  /** A Logplane on {@code dir} with the node; skips the test where a real node cannot run. */
  static RealNodeFixture start(Path dir, Names names) throws Exception {
    assumeRealNodes();
    return on(ClusterFixture.start(dir), dir, names, java.util.Map.of());
  }

  /**
   * The node deployed on {@code cluster} (started on {@code dir}); kubectl run in {@code env}.
   * The cluster is closed when the node cannot be deployed.
   */
  static RealNodeFixture on(Cluster cluster, Path dir, Names names, java.util.Map<String, String> env)
      throws Exception {
    try {
      Path data = dir.resolve("data");
      importBusybox(dir, data);
      RealNode node = UpCommand.deployLocalNode(cluster, RealNodeOptions.of(names.node(), data)
          .withPodCidr(names.cidr()).withHostNames(names.bridge(), names.table(), names.cgroup())
          .withPort(0));
      return new RealNodeFixture(names, cluster, node, new Kubectl(cluster.kubeconfig(), dir, env));
    } catch (Exception | AssertionError e) {
      cluster.close();
      cleanUp(names);
      throw e;
    }
  }

  /** Skips the test, saying why, where real containers cannot run. */
  static void assumeRealNodes() {
    Optional<String> cannot = RealNode.cannotRun();
    assumeTrue(cannot.isEmpty(), () -> "a real node cannot run here: " + cannot.orElse(""));
  }

  /** Imports {@value #IMAGE} into the store of a node on {@code data}. */
  static void importBusybox(Path dir, Path data) throws Exception {
    List<NodeImages.Entry> imported = new NodeImages(data).importArchive(
        BusyboxArchive.write(dir.resolve("busybox.tar"), dir.resolve("image"), IMAGE));
    assertEquals(1, imported.size(), imported.toString());
  }

  /**
   * Stops the Logplane and its node (a clean stop: with no container left, its drop rules go),
   * then removes what is left of the node on the machine.
   */
  Stopped stop() throws Exception {
    long dropped = node.uplinkDrops();
    cluster.close();
    return new Stopped(dropped, cleanUp(names));
  }

  /**
   * Stops a started fixture (nothing for null, when the class was skipped or did not start) once
   * its pods are gone, and requires what a clean stop promises: no packet of the cluster's ranges
   * headed for the uplink, and none of the node's nftables tables (drop rules, proxy, policies)
   * outliving it.
   */
  static void stopCleanly(RealNodeFixture fixture) throws Exception {
    if (fixture == null) {
      return;
    }
    Stopped stopped = fixture.stop();
    assertEquals(0, stopped.dropped(), "packets of the cluster's ranges headed for the uplink");
    assertEquals(new Left(false, false, false), stopped.left(), "the node's tables outlived its clean stop");
  }

  /** Removes the node's bridge, cgroups and nftables tables from the machine; which tables were left. */
  static Left cleanUp(Names names) throws Exception {
    boolean guard = run("nft", "list", "table", "inet", names.table()).exit() == 0;
    boolean proxy = run("nft", "list", "table", "ip", names.table() + "_proxy").exit() == 0;
    boolean policy = run("nft", "list", "table", "inet", names.table() + "_policy").exit() == 0;
    run("ip", "link", "delete", names.bridge());
    for (String controller : CGROUP_CONTROLLERS) {
      run("rmdir", "/sys/fs/cgroup/" + controller + "/" + names.cgroup());
    }
    if (guard) {
      run("nft", "delete", "table", "inet", names.table());
    }
    if (proxy) {
      run("nft", "delete", "table", "ip", names.table() + "_proxy");
    }
    if (policy) {
      run("nft", "delete", "table", "inet", names.table() + "_policy");
    }
    return new Left(guard, proxy, policy);
  }

  /**
   * A Deployment {@code web} of two busybox httpd pods ({@code app: web}), its container
   * {@code httpd} running {@code command} (a YAML flow sequence), with {@code more} lines of the
   * container's spec (such as {@code ports: [...]}).
   */
  static String webDeployment(int graceSeconds, String command, String... more) {
    StringBuilder yaml = new StringBuilder("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              terminationGracePeriodSeconds: %d
              containers:
              - name: httpd
                image: %s
                imagePullPolicy: Never
                command: %s
        """.formatted(graceSeconds, IMAGE, command));
    for (String line : more) {
      yaml.append("        ").append(line).append('\n');
    }
    return yaml.toString();
  }

  /** Whether the Node's {@code Ready} condition is {@code True}. */
  static boolean ready(JsonNode node) {
    for (JsonNode c : node.at("/status/conditions")) {
      if ("Ready".equals(c.path("type").asText())) {
        return "True".equals(c.path("status").asText());
      }
    }
    return false;
  }

  /** A command's exit code and output (stderr with stdout). */
  record Ran(int exit, String out) {}

  /** Runs a command on the machine, within 30 s. */
  static Ran run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " did not end");
    return new Ran(p.exitValue(), out);
  }
}
