package io.logplane.controllers.nodeipam;

import io.logplane.projections.Ipv4Cidr;
import java.util.BitSet;

/**
 * The subnets of one IPv4 cluster CIDR, each of the node mask size, as a bitmap of those taken
 * (kube-controller-manager's {@code cidrset}): the next free one is looked for from just past
 * the last one handed out, so a run of allocations costs one step each. Not thread-safe.
 */
final class CidrSet {

  private final Ipv4Cidr cluster;
  private final int nodePrefix;
  private final int count;
  private final BitSet taken = new BitSet();
  private int next;

  private CidrSet(Ipv4Cidr cluster, int nodePrefix) {
    this.cluster = cluster;
    this.nodePrefix = nodePrefix;
    this.count = 1 << (nodePrefix - cluster.prefix());
  }

  /** The /{@code nodePrefix} subnets of {@code clusterCidr}; at most 2^16 of them, as kube allows. */
  static CidrSet of(String clusterCidr, int nodePrefix) {
    Ipv4Cidr cluster = Ipv4Cidr.parse(clusterCidr);
    if (nodePrefix > 32 || nodePrefix < cluster.prefix() || nodePrefix - cluster.prefix() > 16) {
      throw new IllegalArgumentException("the node CIDR mask size /" + nodePrefix + " does not fit in "
          + clusterCidr + " (at most 65536 node CIDRs)");
    }
    return new CidrSet(cluster, nodePrefix);
  }

  /** A free subnet, now taken, or null when every one is. */
  String allocate() {
    int i = taken.nextClearBit(next);
    if (i >= count) {
      i = taken.nextClearBit(0);
      if (i >= count) {
        return null;
      }
    }
    taken.set(i);
    next = (i + 1) % count;
    return Ipv4Cidr.format(cluster.network() + ((long) i << (32 - nodePrefix))) + "/" + nodePrefix;
  }

  /** Marks a subnet taken; false when it is not one of this set's (another range, another size). */
  boolean occupy(String cidr) {
    int i = index(cidr);
    if (i < 0) {
      return false;
    }
    taken.set(i);
    return true;
  }

  /**
   * Marks taken every subnet that overlaps {@code cidr}, of any size (the Service CIDR where it
   * lies inside the cluster CIDR, as kube-controller-manager filters it out).
   */
  void occupyOverlapping(String cidr) {
    Ipv4Cidr other = Ipv4Cidr.parse(cidr);
    long lo = Math.max(other.network(), cluster.network());
    long hi = Math.min(other.network() + other.size(), cluster.network() + cluster.size());
    for (long a = lo; a < hi; a += 1L << (32 - nodePrefix)) {
      taken.set((int) ((a - cluster.network()) >>> (32 - nodePrefix)));
    }
  }

  /** How many subnets the set has. */
  int size() {
    return count;
  }

  /** Gives a subnet back; one not of this set is ignored. */
  void release(String cidr) {
    int i = index(cidr);
    if (i >= 0) {
      taken.clear(i);
    }
  }

  private int index(String cidr) {
    Ipv4Cidr c;
    try {
      c = Ipv4Cidr.parse(cidr);
    } catch (IllegalArgumentException e) {
      return -1;
    }
    if (c.prefix() != nodePrefix || !cluster.contains(c.network())) {
      return -1;
    }
    return (int) ((c.network() - cluster.network()) >>> (32 - nodePrefix));
  }
}
