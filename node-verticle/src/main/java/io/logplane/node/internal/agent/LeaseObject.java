package io.logplane.node.internal.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A node's Lease in {@code kube-node-lease}, as the kubelet writes it: named after the node,
 * held by it for 40 s, owned by the Node so that it goes when the Node goes.
 */
public final class LeaseObject {
  public static final String NAMESPACE = "kube-node-lease";
  public static final int DURATION_SECONDS = 40;

  private LeaseObject() {}

  /** The path of a node's Lease, or of the collection when {@code node} is null. */
  public static String path(String node) {
    String base = "/apis/coordination.k8s.io/v1/namespaces/" + NAMESPACE + "/leases";
    return node == null ? base : base + "/" + node;
  }

  /**
   * The Lease renewed at {@code now}: {@code held} (the server's copy, or null to create one)
   * with this node as holder, the renew time set and the owner reference to the Node.
   */
  public static ObjectNode renewed(JsonNode held, String node, String nodeUid, Instant now) {
    ObjectNode lease = held == null ? NodeObject.JSON.createObjectNode() : held.deepCopy();
    lease.put("apiVersion", "coordination.k8s.io/v1").put("kind", "Lease");
    ObjectNode meta = lease.withObjectProperty("metadata").put("name", node).put("namespace", NAMESPACE);
    if (nodeUid != null) {
      meta.putArray("ownerReferences").addObject().put("apiVersion", "v1").put("kind", "Node")
          .put("name", node).put("uid", nodeUid);
    }
    lease.withObjectProperty("spec").put("holderIdentity", node)
        .put("leaseDurationSeconds", DURATION_SECONDS).put("renewTime", Times.micro(now));
    return lease;
  }
}
