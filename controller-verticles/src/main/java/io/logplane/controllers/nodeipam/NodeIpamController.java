package io.logplane.controllers.nodeipam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.EventRecorder;
import io.logplane.projections.Key;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.informers.Informer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * As kube-controller-manager's node IPAM range allocator ({@code --allocate-node-cidrs}): a Node
 * without a pod CIDR gets the next free subnet of the cluster CIDR in {@code spec.podCIDR} and
 * {@code spec.podCIDRs}; a Node that came with one of the range keeps it, and it is skipped; a
 * deleted Node's subnet is free again. The subnets taken are a bitmap in memory, filled from
 * every Node at the first reconcile, so an allocation costs a step and one write. This
 * controller is the range's only writer and reconciles one Node at a time; a subnet it handed out
 * stays its Node's until the Node is gone, even before its cache shows the write. When the range
 * is full the Node gets a {@code CIDRNotAvailable} Event and is looked at again later.
 */
public final class NodeIpamController implements Reconciler {

  /** kube-controller-manager's {@code --cluster-cidr} in kubeadm's and flannel's default. */
  public static final String DEFAULT_CLUSTER_CIDR = "10.244.0.0/16";
  /** {@code --node-cidr-mask-size} of kube-controller-manager for IPv4. */
  public static final int DEFAULT_NODE_MASK_SIZE = 24;
  static final String NODES = "core/nodes/";
  private static final Duration RANGE_FULL_RETRY = Duration.ofSeconds(30);

  private final Informer nodes;
  private final ObjectWriter writer;
  private final EventRecorder events;
  private final CidrSet cidrs;
  /** The subnet of each Node key this controller counts as taken. */
  private final Map<String, String> held = new HashMap<>();
  private boolean filled;

  private NodeIpamController(ControllerContext ctx, CidrSet cidrs) {
    this.nodes = ctx.informers().informer(NODES);
    this.writer = ctx.writer("node-controller");
    this.events = new EventRecorder(writer, "cidrAllocator", null, ctx.clock());
    this.cidrs = cidrs;
  }

  /** The allocator over {@code clusterCidr}, handing out subnets of prefix {@code nodeMaskSize}. */
  public static Controller controller(ControllerContext ctx, String clusterCidr, int nodeMaskSize) {
    return Controller.named("nodeipam").reconciles(NODES)
        .build(new NodeIpamController(ctx, CidrSet.of(clusterCidr, nodeMaskSize)));
  }

  @Override
  public synchronized Result reconcile(String key) throws Exception {
    if (!filled) {
      for (ObjectNode n : nodes.list()) {
        String cidr = podCidr(n);
        if (cidr != null && cidrs.occupy(cidr)) {
          held.put(NODES + "/" + n.path("metadata").path("name").asText(), cidr);
        }
      }
      filled = true;
    }
    ObjectNode node = nodes.get(key);
    if (node == null) {
      String gone = held.remove(key);
      if (gone != null) {
        cidrs.release(gone);
      }
      return Result.DONE;
    }
    String has = podCidr(node);
    String mine = held.get(key);
    if (has != null) {
      if (!has.equals(mine)) { // registered with its own, or given another by someone else
        if (mine != null) {
          cidrs.release(mine);
          held.remove(key);
        }
        if (cidrs.occupy(has)) {
          held.put(key, has);
        }
      }
      return Result.DONE;
    }
    if (mine == null) {
      mine = cidrs.allocate();
      if (mine == null) {
        String name = node.path("metadata").path("name").asText();
        events.normal(node, "CIDRNotAvailable", "Node " + name + " status is now: CIDRNotAvailable");
        return Result.after(RANGE_FULL_RETRY);
      }
      held.put(key, mine);
    }
    ObjectNode next = node.deepCopy();
    ObjectNode spec = next.withObjectProperty("spec").put("podCIDR", mine);
    spec.putArray("podCIDRs").add(mine);
    writer.update(Key.parse(key), next).join();
    return Result.DONE;
  }

  private static String podCidr(JsonNode node) {
    String cidr = node.path("spec").path("podCIDR").asText("");
    return cidr.isEmpty() ? null : cidr;
  }
}
