package io.logplane.node.internal.machine;

import io.logplane.node.internal.agent.NodeFacts;
import io.logplane.node.internal.agent.NodeObject;

/**
 * The machine's part of a Node's {@code nodeInfo}, read as cadvisor reads it: machine id from
 * {@code /etc/machine-id}, system UUID from {@code /sys/class/dmi/id/product_uuid} (empty when
 * the machine has none, or it is not readable), boot id, kernel release
 * ({@code uname -r}), and the OS's {@code PRETTY_NAME}.
 */
record MachineInfo(String machineId, String systemUuid, String bootId, String kernelVersion,
    String osImage) {

  static MachineInfo read(HostFiles host) {
    return new MachineInfo(host.read("/etc/machine-id").trim(),
        host.readIfThere("/sys/class/dmi/id/product_uuid").orElse(""),
        host.read("/proc/sys/kernel/random/boot_id").trim(),
        host.read("/proc/sys/kernel/osrelease").trim(),
        prettyName(host.readIfThere("/etc/os-release").orElse("")));
  }

  /** {@code PRETTY_NAME} of an os-release file, unquoted; {@code Linux} when it has none. */
  static String prettyName(String osRelease) {
    for (String line : osRelease.split("\n")) {
      if (line.startsWith("PRETTY_NAME=")) {
        String v = line.substring("PRETTY_NAME=".length()).trim();
        if (v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'")) && v.endsWith(v.substring(0, 1))) {
          v = v.substring(1, v.length() - 1);
        }
        return v;
      }
    }
    return "Linux";
  }

  /** The node info with the runtime's version and the kubelet's. */
  NodeFacts.NodeInfo nodeInfo(String runtimeVersion) {
    return new NodeFacts.NodeInfo(machineId, systemUuid, bootId, kernelVersion, osImage,
        runtimeVersion, NodeObject.KUBELET_VERSION, NodeObject.KUBELET_VERSION);
  }
}
