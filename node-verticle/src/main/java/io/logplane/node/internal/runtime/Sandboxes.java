package io.logplane.node.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Pod sandboxes: what a pod's containers share. A sandbox is a named network namespace attached
 * to the pod network, IPC and UTS namespaces the pod's containers join, the pod's {@code
 * /dev/shm}, {@code /etc/hosts}, {@code /etc/resolv.conf} and {@code /etc/hostname}; and, for a
 * pod whose containers share a PID namespace, a holder: a process that only waits, in new IPC
 * and UTS namespaces inside the network namespace. Its id is the pod's uid; the holder's
 * container has that id too.
 */
final class Sandboxes {

  /** A pod's uid, as the API server makes it: what follows the bridge's name in a namespace's. */
  private static final Pattern UID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final RuntimeConfig config;
  private final Containers containers;
  private final PodNetwork network;
  private final OciSpec specs;

  Sandboxes(RuntimeConfig config, Containers containers, OciSpec specs) {
    this.config = config;
    this.containers = containers;
    this.network = new PodNetwork(config.cniPluginDir(), config.bridge(), config.podCidr(), config.cni());
    this.specs = specs;
  }

  /**
   * The pod's network namespace: named after the node's bridge and the pod, so two nodes on one
   * machine (and whoever counts a node's namespaces) can tell theirs apart.
   */
  String netnsName(String sandboxId) {
    return netnsPrefix(config.bridge()) + sandboxId;
  }

  /** What the names of the network namespaces of a node on {@code bridge} start with. */
  static String netnsPrefix(String bridge) {
    return bridge + "-";
  }

  /**
   * Makes the pod's sandbox, its network attached. Its namespaces are kept by files (see
   * {@link PodNamespaces}); a holder process runs only for a pod whose containers share one
   * PID namespace ({@code shareProcessNamespace}), which needs a process for its init.
   */
  Sandbox run(JsonNode pod, String resolvConf) {
    String id = pod.path("metadata").path("uid").asText();
    if (id.isEmpty()) {
      throw new IllegalArgumentException("pod without a uid");
    }
    Path dir = config.pods().resolve(id);
    String hostname = OciSpec.hostname(pod);
    boolean shareProcesses = pod.path("spec").path("shareProcessNamespace").asBoolean(false);
    Path netns = NetNs.path(netnsName(id));
    PodNamespaces.pin(netns, shareProcesses ? null : ipcFile(dir), shareProcesses ? null : utsFile(dir),
        hostname);
    String ip = network.attach(id, netns, PodNetwork.portMappings(pod));
    PodContext ctx = new PodContext(hostname, netns, null, null, null, dir.resolve("shm"),
        dir.resolve("hosts"), dir.resolve("resolv.conf"), dir.resolve("hostname"));
    try {
      Files.createDirectories(dir);
      Files.writeString(ctx.hosts(), EtcFiles.hosts(ip, hostname, pod));
      Files.writeString(ctx.resolvConf(), resolvConf);
      Files.writeString(ctx.hostnameFile(), hostname + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Mounts.shm(ctx.shm());
    if (!shareProcesses) {
      return new Sandbox(id, ip, ctx.pinned(ipcFile(dir), utsFile(dir)));
    }
    Containers.Status holder = containers.status(id);
    long pid = holder.state().equals("running") ? holder.pid() : startHolder(id, ctx, dir);
    return new Sandbox(id, ip, ctx.joining(pid, true));
  }

  private static Path ipcFile(Path podDir) {
    return podDir.resolve("ns").resolve("ipc");
  }

  private static Path utsFile(Path podDir) {
    return podDir.resolve("ns").resolve("uts");
  }

  private long startHolder(String id, PodContext ctx, Path dir) {
    containers.remove(id);
    containers.create(id, specs.holder(config.holderArgs(), ctx, containers.cgroupsPath(id)),
        config.holderRootfs(), dir.resolve("holder.log"));
    containers.start(id);
    return containers.status(id).pid();
  }

  /**
   * The ids of the sandboxes of which anything is on disk: a container (the holder's id is the
   * sandbox's, a pod container's starts with it and a dot), the pod's directory, its network
   * attachment, or a network namespace named for the node's bridge. A removal cut short counts,
   * so it can be finished; so does a namespace that a node on this bridge left when it was
   * killed and its data directory was removed: it would hold its pod's address on the bridge,
   * which the new data directory's allocations hand out again, and a new pod of that address
   * would share it with a namespace where nothing listens.
   */
  Set<String> onDisk() {
    Set<String> ids = new TreeSet<>(network.attached());
    String prefix = netnsPrefix(config.bridge());
    for (String name : NetNs.named(prefix)) {
      String id = name.substring(prefix.length());
      if (UID.matcher(id).matches()) { // not a namespace of a bridge whose name starts with this one's
        ids.add(id);
      }
    }
    for (String c : containers.list()) {
      ids.add(c.contains(".") ? c.substring(0, c.indexOf('.')) : c);
    }
    if (Files.isDirectory(config.pods())) {
      try (Stream<Path> dirs = Files.list(config.pods())) {
        dirs.forEach(d -> ids.add(d.getFileName().toString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return ids;
  }

  /**
   * Removes the sandbox: the holder (killed: it only waits), the network attachment (its
   * address is free again), the namespace, the shm, the pod's volumes and files. The pod's containers
   * must be removed first. Nothing happens for what is already gone.
   */
  void remove(String id) {
    if (containers.status(id).state().matches("created|running")) {
      containers.stop(id, java.time.Duration.ZERO);
    }
    containers.remove(id);
    network.detach(id, NetNs.path(netnsName(id)));
    Path dir = config.pods().resolve(id);
    PodNamespaces.release(NetNs.path(netnsName(id)), ipcFile(dir), utsFile(dir));
    Mounts.unmountAll(dir); // the shm and the pod's memory-backed volumes
    Containers.deleteTree(dir);
  }
}
