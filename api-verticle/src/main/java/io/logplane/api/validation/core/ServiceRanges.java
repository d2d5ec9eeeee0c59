package io.logplane.api.validation.core;

import java.math.BigInteger;

/**
 * The address range of cluster IPs ({@code --service-cluster-ip-range} of kube-apiserver) and
 * the node port range ({@code --service-node-port-range}) the Service rules check against.
 */
public final class ServiceRanges {

  /** kube-apiserver's node port range when the flag is not given. */
  public static final int NODE_PORT_LOW = 30000;
  public static final int NODE_PORT_HIGH = 32767;

  /** The service range of a Logplane server unless it is told another. */
  public static final ServiceRanges DEFAULT = of("10.96.0.0/12");

  private final IpAddresses.Cidr cidr;
  private final int nodePortLow;
  private final int nodePortHigh;

  private ServiceRanges(IpAddresses.Cidr cidr, int nodePortLow, int nodePortHigh) {
    this.cidr = cidr;
    this.nodePortLow = nodePortLow;
    this.nodePortHigh = nodePortHigh;
  }

  /** The ranges with the given service CIDR and the default node port range. */
  public static ServiceRanges of(String serviceCidr) {
    IpAddresses.Cidr cidr = IpAddresses.cidr(serviceCidr)
        .orElseThrow(() -> new IllegalArgumentException("not a CIDR: " + serviceCidr));
    return new ServiceRanges(cidr, NODE_PORT_LOW, NODE_PORT_HIGH);
  }

  /**
   * Whether the allocator hands out this address: inside the CIDR, not its network address, and
   * for IPv4 not its broadcast address either (as the bitmap allocator of kube-apiserver).
   */
  boolean allocatable(byte[] ip) {
    if (!cidr.contains(ip)) {
      return false;
    }
    BigInteger offset = cidr.offset(ip);
    BigInteger last = cidr.size().subtract(cidr.bits() == 32 ? BigInteger.TWO : BigInteger.ONE);
    return offset.signum() > 0 && offset.compareTo(last) <= 0;
  }

  /** The family of the cluster's service addresses ("IPv4" or "IPv6"). */
  String family() {
    return cidr.family();
  }

  boolean nodePortInRange(long port) {
    return port >= nodePortLow && port <= nodePortHigh;
  }

  String nodePorts() {
    return nodePortLow + "-" + nodePortHigh;
  }

  /** The CIDR as kube-apiserver prints it: the network address and prefix. */
  String cidrText() {
    byte[] raw = cidr.network().toByteArray();
    byte[] b = new byte[cidr.bits() / 8];
    System.arraycopy(raw, Math.max(0, raw.length - b.length), b, Math.max(0, b.length - raw.length),
        Math.min(raw.length, b.length));
    try {
      String host = java.net.InetAddress.getByAddress(b).getHostAddress();
      return host + "/" + cidr.prefix();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
