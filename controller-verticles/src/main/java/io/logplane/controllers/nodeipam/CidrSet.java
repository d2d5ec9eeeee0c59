package io.logplane.controllers.nodeipam;

import java.util.BitSet;

/**
 * The subnets of one IPv4 cluster CIDR, each of the node mask size, as a bitmap of those taken
 * (kube-controller-manager's {@code cidrset}): the next free one is looked for from just past
 * the last one handed out, so a run of allocations costs one step each. Not thread-safe.
 */
final class CidrSet {

  private final int network;
  private final int clusterPrefix;
  private final int nodePrefix;
  private final int count;
  private final BitSet taken = new BitSet();
  private int next;

  private CidrSet(int network, int clusterPrefix, int nodePrefix) {
    this.network = network;
    this.clusterPrefix = clusterPrefix;
    this.nodePrefix = nodePrefix;
    this.count = 1 << (nodePrefix - clusterPrefix);
  }

  /** The /{@code nodePrefix} subnets of {@code clusterCidr}; at most 2^16 of them, as kube allows. */
  static CidrSet of(String clusterCidr, int nodePrefix) {
    int slash = clusterCidr.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not an IPv4 CIDR: " + clusterCidr);
    }
    int prefix = Integer.parseInt(clusterCidr.substring(slash + 1));
    if (prefix < 1 || prefix > 32 || nodePrefix > 32 || nodePrefix < prefix) {
      throw new IllegalArgumentException("the node CIDR mask size /" + nodePrefix + " does not fit in " + clusterCidr);
    }
    if (nodePrefix - prefix > 16) {
      throw new IllegalArgumentException("the cluster CIDR " + clusterCidr + " holds more than 65536 node CIDRs of /"
          + nodePrefix + ": give a larger --node-cidr-mask-size");
    }
    int mask = -1 << (32 - prefix);
    return new CidrSet(parse(clusterCidr.substring(0, slash)) & mask, prefix, nodePrefix);
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
    return format(i);
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
    int slash = cidr.indexOf('/');
    int prefix = Integer.parseInt(cidr.substring(slash + 1));
    long size = 1L << (32 - prefix);
    long first = parse(cidr.substring(0, slash)) & 0xffffffffL & ~(size - 1);
    long last = first + size - 1;
    long lo = Math.max(first, network & 0xffffffffL);
    long hi = Math.min(last, (network & 0xffffffffL) + ((long) count << (32 - nodePrefix)) - 1);
    for (long a = lo; a <= hi; a += 1L << (32 - nodePrefix)) {
      taken.set((int) ((a - (network & 0xffffffffL)) >>> (32 - nodePrefix)));
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
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      return -1;
    }
    int prefix;
    int ip;
    try {
      prefix = Integer.parseInt(cidr.substring(slash + 1));
      ip = parse(cidr.substring(0, slash));
    } catch (IllegalArgumentException e) {
      return -1;
    }
    int clusterMask = -1 << (32 - clusterPrefix);
    if (prefix != nodePrefix || (ip & clusterMask) != network) {
      return -1;
    }
    return nodePrefix == 32 ? ip - network : (ip - network) >>> (32 - nodePrefix);
  }

  private String format(int i) {
    int ip = network + (nodePrefix == 32 ? i : i << (32 - nodePrefix));
    return (ip >>> 24) + "." + (ip >>> 16 & 255) + "." + (ip >>> 8 & 255) + "." + (ip & 255) + "/" + nodePrefix;
  }

  private static int parse(String ip) {
    String[] p = ip.split("\\.", -1);
    if (p.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + ip);
    }
    int v = 0;
    for (String octet : p) {
      int o = Integer.parseInt(octet);
      if (o < 0 || o > 255) {
        throw new IllegalArgumentException("not an IPv4 address: " + ip);
      }
      v = v << 8 | o;
    }
    return v;
  }
}
