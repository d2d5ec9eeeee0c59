package io.logplane.node.internal.real;

import io.logplane.node.internal.agent.NodeFacts;
import io.logplane.node.internal.agent.NodeIdentity;
import io.logplane.node.internal.agent.NodeObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who a real node is: the identity its Node is registered with (the kubelet's hostname, os and
 * arch labels, the machine's capacity, address and versions, and the pod CIDR it was given, if
 * any: else the node IPAM controller's, waited for after registering).
 */
final class RealNodeIdentity {
  private RealNodeIdentity() {
  }

  /** The node's identity from its machine's facts. */
  static NodeIdentity of(String name, NodeFacts f, String podCidr, String runtimeVersion) {
    String arch = switch (System.getProperty("os.arch")) {
      case "aarch64" -> "arm64";
      case "x86_64", "amd64" -> "amd64";
      default -> System.getProperty("os.arch");
    };
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("kubernetes.io/hostname", name);
    labels.put("kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", arch);
    labels.put("beta.kubernetes.io/os", "linux");
    labels.put("beta.kubernetes.io/arch", arch);
    String ip = f.addresses().get(0).address();
    return new NodeIdentity(name, labels, f.capacity(), ip, podCidr,
        NodeObject.KUBELET_VERSION, runtimeVersion, f.nodeInfo().osImage(),
        f.nodeInfo().kernelVersion());
  }
}
