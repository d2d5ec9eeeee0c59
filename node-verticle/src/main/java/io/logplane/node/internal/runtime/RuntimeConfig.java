package io.logplane.node.internal.runtime;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the node's runtime keeps its state and finds its tools.
 *
 * @param dataDir      everything the runtime writes: runc's state root, bundles, exit codes, logs,
 *                     pod files, CNI allocations
 * @param runc         the runc binary
 * @param conmon       the conmon binary
 * @param cniPluginDir the CNI plugins ({@code /usr/lib/cni} on Debian)
 * @param bridge       the pod bridge, such as {@code lp0}
 * @param podCidr      the node's {@code spec.podCIDR}
 * @param cgroupParent the cgroup every container's cgroup sits in, such as {@code logplane}
 * @param holderRootfs the root of the pods' holder process (a static binary that can sleep)
 * @param holderArgs   the holder's command line, a process that only waits to be killed
 */
public record RuntimeConfig(Path dataDir, Path runc, Path conmon, Path cniPluginDir,
    String bridge, String podCidr, String cgroupParent, Path holderRootfs,
    List<String> holderArgs) {

  Path runcRoot() {
    return dataDir.resolve("runc");
  }

  Path exits() {
    return dataDir.resolve("exits");
  }

  Path containers() {
    return dataDir.resolve("containers");
  }

  Path pods() {
    return dataDir.resolve("pods");
  }

  /** Where the containers' logs are: {@code <ns>_<pod>_<uid>/<container>/<attempt>.log}. */
  public Path logs() {
    return dataDir.resolve("logs");
  }

  Path cni() {
    return dataDir.resolve("cni");
  }
}
