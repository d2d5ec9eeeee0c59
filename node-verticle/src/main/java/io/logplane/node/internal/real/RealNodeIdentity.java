package io.logplane.node.internal.real;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.RealNodeOptions;
import io.logplane.node.internal.agent.Api;
import io.logplane.node.internal.agent.NodeAgent;
import io.logplane.node.internal.agent.NodeFacts;
import io.logplane.node.internal.agent.NodeIdentity;
import io.logplane.node.internal.agent.NodeObject;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who a real node is: its pod CIDR (the one given, or the one its Node holds, or the highest
 * free /24 of the cluster's) and the identity its Node is registered with (the kubelet's
 * hostname, os and arch labels, the machine's capacity, address and versions).
 */
final class RealNodeIdentity {
  private RealNodeIdentity() {
  }

  /** The CIDR given, or the one the Node holds, or the highest free /24 of the cluster's. */
  static Future<String> podCidr(Api api, RealNodeOptions options) {
    if (options.podCidr() != null) {
      return Future.succeededFuture(options.podCidr());
    }
    return api.call("GET", "/api/v1/nodes/" + options.name(), null).compose(r -> {
      String held = r.ok() ? NodeObject.podCidr(NodeAgent.read(r)) : null;
      if (held != null) {
        return Future.succeededFuture(held);
      }
      return api.call("GET", "/api/v1/nodes", null).map(list -> {
        List<String> taken = new ArrayList<>();
        if (list.ok()) {
          for (JsonNode n : NodeAgent.read(list).path("items")) {
            String cidr = NodeObject.podCidr(n);
            if (cidr != null) {
              taken.add(cidr);
            }
          }
        }
        return PodCidrs.free(options.clusterCidr(), taken);
      });
    });
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
