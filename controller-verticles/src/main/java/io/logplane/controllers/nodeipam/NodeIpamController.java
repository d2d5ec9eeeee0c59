package io.logplane.controllers.nodeipam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.ClusterNetwork;
import io.logplane.projections.EventRecorder;
import io.logplane.projections.Key;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.informers.Informer;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * As kube-controller-manager's node IPAM range allocator ({@code --allocate-node-cidrs}): a Node
 * without a pod CIDR gets the next free subnet of the cluster CIDR in {@code spec.podCIDR} and
 * {@code spec.podCIDRs}; a Node that came with one of the range keeps it, and it is skipped; a
 * deleted Node's subnet is free again. The subnets taken are a bitmap in memory, filled from
 * every Node at the first reconcile, so an allocation costs a step and one write. This
 * controller is the range's only writer and reconciles one Node at a time; a subnet it handed out
 * stays its Node's until the Node is gone, even before its cache shows the write. When the range
 * is full the Node gets a {@code CIDRNotAvailable} Event (once) and is looked at again every 30 s.
 */
public final class NodeIpamController implements Reconciler {

  static final String NODES = "core/nodes/";
  private static final Duration RANGE_FULL_RETRY = Duration.ofSeconds(30);

  private final Informer nodes;
  private final ObjectWriter writer;
  private final EventRecorder events;
  private final CidrSet cidrs;
  /** The subnet of each Node key this controller counts as taken. */
  private final Map<String, String> held = new HashMap<>();
  /** The Nodes told the range is full, each told once until it gets a subnet or goes. */
  private final Set<String> told = new HashSet<>();
  private boolean filled;

  private NodeIpamController(ControllerContext ctx, CidrSet cidrs) {
    this.nodes = ctx.informers().informer(NODES);
    this.writer = ctx.writer("node-controller");
    this.events = new EventRecorder(writer, "cidrAllocator", null, ctx.clock());
    this.cidrs = cidrs;
  }

  /**
   * The allocator of the network's cluster CIDR, handing out subnets of its node mask size, none
   * that overlaps the Service CIDR (as kube-controller-manager filters that out).
   */
  public static Controller controller(ControllerContext ctx, ClusterNetwork network) {
    return Controller.named("nodeipam").reconciles(NODES).build(new NodeIpamController(ctx, subnets(network)));
  }

  static CidrSet subnets(ClusterNetwork network) {
    CidrSet set = CidrSet.of(network.clusterCidr().toString(), network.nodeCidrMaskSize());
    set.occupyOverlapping(network.serviceCidr().toString());
    return set;
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
      told.remove(key);
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
        if (told.add(key)) {
          String name = node.path("metadata").path("name").asText();
          events.normal(node, "CIDRNotAvailable", "Node " + name + " status is now: CIDRNotAvailable");
        }
        return Result.after(RANGE_FULL_RETRY);
      }
      held.put(key, mine);
      told.remove(key);
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
