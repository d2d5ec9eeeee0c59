package io.logplane.node.internal.runtime;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A node's container runtime for the tests on real containers, with what they need of the
 * machine: root, runc, conmon, the CNI plugins, nft and busybox-static (without them the tests
 * are skipped, saying what is missing). {@link #start} installs the uplink drop rules before any
 * pod gets an address and makes a runtime over a data directory, a bridge, a pod CIDR and a
 * cgroup of the test's own, with a busybox image; {@link #leftovers} tells what of the pods
 * outlived their removal; {@link #stop} removes it all and returns the drop counters.
 */
public final class RealNode {

  static final Path RUNC = Path.of("/usr/sbin/runc");
  static final Path CONMON = Path.of("/usr/bin/conmon");
  static final Path CNI = Path.of("/usr/lib/cni");
  public static final Path BUSYBOX = Path.of("/bin/busybox");
  /** The cgroup v1 hierarchies runc makes a container's cgroup in. */
  private static final List<String> CGROUP_CONTROLLERS = List.of("cpu", "memory", "pids",
      "devices", "freezer", "blkio", "cpuset", "cpuacct", "systemd");

  public final Path data;
  public final Image busybox;
  public final ContainerRuntime runtime;
  private final UplinkGuard guard;
  private final String bridge;
  private final String cgroupParent;

  private RealNode(Path data, Image busybox, ContainerRuntime runtime, UplinkGuard guard,
      String bridge, String cgroupParent) {
    this.data = data;
    this.busybox = busybox;
    this.runtime = runtime;
    this.guard = guard;
    this.bridge = bridge;
    this.cgroupParent = cgroupParent;
  }

  /**
   * Skips the test when the machine cannot run containers; else a runtime on {@code bridge}
   * with addresses from {@code podCidr}, behind drop rules in nft table {@code table}.
   */
  public static RealNode start(String table, String podCidr, String bridge, String cgroupParent)
      throws IOException {
    assume();
    sweep(bridge, cgroupParent);
    UplinkGuard guard = new UplinkGuard(table, List.of("10.244.0.0/16", "10.96.0.0/12"));
    guard.install();
    Path data = Files.createTempDirectory("lprt");
    Image busybox = new Image(busyboxRoot(data.resolve("busybox")), ImageConfig.ofCmd("sh"));
    ContainerRuntime runtime = new ContainerRuntime(new RuntimeConfig(data.resolve("node"), RUNC,
        CONMON, CNI, bridge, podCidr, cgroupParent, busybox.rootfs(),
        List.of("sleep", "2147483647")), Capabilities.ofThisProcess());
    return new RealNode(data, busybox, runtime, guard, bridge, cgroupParent);
  }

  /** Removes the bridge, the cgroups, the drop rules and the data; the packets they dropped. */
  public UplinkGuard.Counters stop() {
    Exec.run("ip", "link", "delete", bridge);
    for (String controller : CGROUP_CONTROLLERS) {
      Exec.run("rmdir", "/sys/fs/cgroup/" + controller + "/" + cgroupParent);
    }
    UplinkGuard.Counters dropped = guard.counters();
    guard.remove();
    Containers.deleteTree(data);
    return dropped;
  }

  /**
   * Removes what an earlier run of the tests, killed midway, left on the machine under these
   * names: its pods' processes and cgroups, network namespaces, the bridge, and the mounts in its
   * data directory. Without it, one killed run fails every later one on its leftovers.
   */
  private static void sweep(String bridge, String cgroupParent) throws IOException {
    for (String line : Exec.check("ip", "netns", "list").split("\n")) {
      String ns = line.split(" ")[0];
      if (ns.startsWith(Sandboxes.netnsPrefix(bridge))) {
        Exec.run("ip", "netns", "delete", ns);
      }
    }
    Exec.run("ip", "link", "delete", bridge);
    try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
      for (Path hierarchy : hierarchies.toList()) {
        for (String cgroup : children(hierarchy.resolve(cgroupParent))) {
          for (String pid : Files.readAllLines(Path.of(cgroup, "cgroup.procs"))) {
            Exec.run("kill", "-9", pid);
          }
          Exec.run("rmdir", cgroup);
        }
      }
    }
    for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
      String target = line.split(" ")[1];
      if (target.startsWith(System.getProperty("java.io.tmpdir") + "/lprt")) {
        Exec.run("umount", "-l", target);
      }
    }
  }

  static void assume() {
    assumeTrue(uid() == 0, "real containers need root");
    for (Path tool : new Path[] {RUNC, CONMON, CNI.resolve("bridge"), CNI.resolve("host-local"),
        BUSYBOX, Path.of("/usr/sbin/nft")}) {
      assumeTrue(Files.isExecutable(tool), "real containers need " + tool);
    }
  }

  private static int uid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A busybox root: the static binary and a link for each of its applets, as {@code busybox
   * --install -s} would make them, and the directories runc mounts on.
   */
  public static Path busyboxRoot(Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.copy(BUSYBOX, bin.resolve("busybox"));
    for (String applet : Exec.check(BUSYBOX.toString(), "--list").split("\\s+")) {
      if (!applet.isEmpty() && !applet.equals("busybox")) {
        Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
      }
    }
    for (String d : new String[] {"proc", "sys", "dev", "etc", "tmp", "www"}) {
      Files.createDirectories(dir.resolve(d));
    }
    Files.writeString(dir.resolve("www/index.html"), "hello from a pod\n");
    return dir;
  }

  /** Runs a host command; its stdout, failing when it exits non-zero. */
  public static String run(String... command) {
    return Exec.check(command);
  }

  /** The name of the network namespace of this node's pod {@code uid}. */
  public String netns(String uid) {
    return Sandboxes.netnsPrefix(bridge) + uid;
  }

  /** Whatever of a pod outlived its removal: runc state, netns, veth, mounts, cgroups, addresses, conmons. */
  public List<String> leftovers() {
    List<String> left = new ArrayList<>(runtime.containers());
    for (String ns : Exec.check("ip", "netns", "list").split("\n")) {
      if (ns.startsWith(Sandboxes.netnsPrefix(bridge))) {
        left.add("netns " + ns);
      }
    }
    String veths = Exec.run("ip", "link", "show", "master", bridge).stdout();
    if (!veths.isBlank()) {
      left.add("veth on " + bridge + ": " + veths);
    }
    Mounts.under(data).forEach(m -> left.add("mount " + m));
    for (String controller : CGROUP_CONTROLLERS) {
      left.addAll(children(Path.of("/sys/fs/cgroup", controller, cgroupParent)));
    }
    left.addAll(children(data.resolve("node/cni/ipam/" + PodNetwork.NAME)).stream()
        .filter(f -> f.matches(".*/\\d+\\.\\d+\\.\\d+\\.\\d+")).toList());
    left.addAll(children(data.resolve("node/containers")));
    left.addAll(children(data.resolve("node/pods")));
    for (String pid : Exec.run("pgrep", "-f", "conmon.*" + data).stdout().split("\n")) {
      if (!pid.isBlank()) {
        left.add("conmon " + pid);
      }
    }
    return left;
  }

  private static List<String> children(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> !dir.startsWith("/sys") || Files.isDirectory(p)).map(Path::toString).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
