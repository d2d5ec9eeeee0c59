package io.logplane.node.internal.hollow;

import io.logplane.node.HollowNodeOptions;
import io.logplane.node.internal.agent.Ipv4;
import io.logplane.node.internal.agent.NodeIdentity;
import io.logplane.node.internal.agent.NodeObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The identities of a process's hollow nodes: names, well-known labels, zones round-robin; no pod
 * CIDR of their own (they take the one the node IPAM controller assigns).
 */
public final class Identities {
  public static final String KUBELET_VERSION = NodeObject.KUBELET_VERSION;
  public static final String RUNTIME_VERSION = "hollow://1.0";

  private Identities() {}

  public static List<NodeIdentity> of(HollowNodeOptions o) {
    List<NodeIdentity> out = new ArrayList<>();
    for (int i = 0; i < o.count(); i++) {
      String name = o.namePrefix() + "-" + i;
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("kubernetes.io/hostname", name);
      labels.put("kubernetes.io/os", "linux");
      labels.put("kubernetes.io/arch", "amd64");
      labels.put("beta.kubernetes.io/os", "linux");
      labels.put("beta.kubernetes.io/arch", "amd64");
      labels.put("node-role.kubernetes.io/hollow", "");
      labels.put("topology.kubernetes.io/zone", o.zones().get(i % o.zones().size()));
      Map<String, String> capacity = new LinkedHashMap<>();
      capacity.put("cpu", o.cpu());
      capacity.put("memory", o.memory());
      capacity.put("pods", o.pods());
      out.add(new NodeIdentity(name, labels, capacity, Ipv4.nodeAddress(i), null,
          KUBELET_VERSION, RUNTIME_VERSION, "Logplane hollow node", "hollow"));
    }
    return out;
  }
}
