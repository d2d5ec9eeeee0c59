package io.logplane.node.internal.agent;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The pod IPs of one node, from its pod CIDR, as a CNI's host-local IPAM hands them out: the
 * network address, the gateway ({@code .1}) and the broadcast address are never given; a pod
 * keeps its address for as long as it holds it (asked again, it gets the same one); the lowest
 * free address goes next. Not thread-safe: one node's loop owns it.
 */
public final class PodIps {
  private final int network;
  private final int size;
  private final BitSet used = new BitSet();
  private final Map<String, Integer> byPod = new HashMap<>();

  /** @param cidr an IPv4 CIDR of 2 to 65536 addresses, such as {@code 10.244.1.0/24} */
  public PodIps(String cidr) {
    int slash = cidr.indexOf('/');
    int bits = Integer.parseInt(cidr.substring(slash + 1));
    if (slash < 0 || bits < 16 || bits > 30) {
      throw new IllegalArgumentException("pod CIDR must be IPv4 /16 to /30: " + cidr);
    }
    this.size = 1 << (32 - bits);
    this.network = Ipv4.parse(cidr.substring(0, slash)) & -size;
  }

  /** The address of {@code pod} (a uid): the one it has, else the lowest free; null when full. */
  public String allocate(String pod) {
    Integer held = byPod.get(pod);
    if (held != null) {
      return Ipv4.format(network + held);
    }
    int free = used.nextClearBit(2);
    if (free > size - 2) {
      return null;
    }
    take(pod, free);
    return Ipv4.format(network + free);
  }

  /**
   * Gives {@code pod} the address it already shows (after a restart of the node); false when
   * it is outside this range or another pod holds it.
   */
  public boolean reserve(String pod, String ip) {
    int offset;
    try {
      offset = Ipv4.parse(ip) - network;
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (offset < 2 || offset > size - 2) {
      return false;
    }
    Integer held = byPod.get(pod);
    if (held != null) {
      return held == offset;
    }
    if (used.get(offset)) {
      return false;
    }
    take(pod, offset);
    return true;
  }

  /** Frees the address of {@code pod}, if it holds one. */
  public void release(String pod) {
    Integer held = byPod.remove(pod);
    if (held != null) {
      used.clear(held);
    }
  }

  /** Addresses held. */
  public int inUse() {
    return byPod.size();
  }

  private void take(String pod, int offset) {
    used.set(offset);
    byPod.put(pod, offset);
  }
}
