package io.logplane.node.internal.machine;

import io.logplane.node.internal.agent.NodeFacts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the facts a real node reports in its status from the machine: capacity and allocatable
 * ({@link Resources} under the default {@link Thresholds}), addresses, node info, and the
 * pressure conditions the eviction manager would set, then Ready. The file system of the node's
 * data directory is its node file system and its image file system. Each {@link #read} blocks
 * (files, {@code stat -f}); the agent calls it off its event loop and reports the last answer.
 */
public final class MachineFacts {
  private final HostFiles host;
  private final Path dataDir;
  private final String runtimeVersion;
  private final List<NodeFacts.Address> addresses;
  private final Function<Path, FsStats> fs;

  /**
   * @param runtimeVersion as {@code runc://1.1.5}
   * @param internalIp     the node's address, as {@link #internalIp} finds it
   */
  public MachineFacts(HostFiles host, Path dataDir, String runtimeVersion, String internalIp,
      String hostname) {
    this(host, dataDir, runtimeVersion, internalIp, hostname, FsStats::of);
  }

  MachineFacts(HostFiles host, Path dataDir, String runtimeVersion, String internalIp,
      String hostname, Function<Path, FsStats> fs) {
    this.host = host;
    this.dataDir = dataDir;
    this.runtimeVersion = runtimeVersion;
    this.addresses = NodeAddresses.of(internalIp, hostname);
    this.fs = fs;
  }

  /**
   * The node's InternalIP: the loopback address when it keeps to this machine, else the IPv4
   * address of the default route's interface.
   */
  public static String internalIp(HostFiles host, boolean loopback) {
    return loopback ? NodeAddresses.LOOPBACK : NodeAddresses.defaultRouteIp(host);
  }

  /** The InternalIP of the default route's interface, or the loopback address on a machine without a default route. */
  public static String internalIp(HostFiles host) {
    try {
      return internalIp(host, false);
    } catch (IllegalStateException e) {
      return internalIp(host, true); // no default route: the node keeps to this machine
    }
  }

  /** The facts as the machine shows them now. */
  public NodeFacts read() {
    MemInfo mem = MemInfo.read(host);
    FsStats nodeFs = fs.apply(dataDir);
    Resources resources = new Resources(Cpus.online(host), mem.total(), nodeFs.capacity(),
        HugePages.read(host));
    Observations seen = new Observations(mem, nodeFs, nodeFs,
        Long.parseLong(host.read("/proc/sys/kernel/pid_max").trim()),
        Observations.tasks(host.read("/proc/loadavg")));
    List<NodeFacts.Condition> conditions = new ArrayList<>(
        Eviction.conditions(Thresholds.DEFAULTS, seen));
    conditions.add(NodeFacts.READY);
    return new NodeFacts(resources.capacity(), resources.allocatable(Thresholds.DEFAULTS),
        addresses, MachineInfo.read(host).nodeInfo(runtimeVersion), List.copyOf(conditions));
  }
}
