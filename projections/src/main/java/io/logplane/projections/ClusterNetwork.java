package io.logplane.projections;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;

/**
 * The address ranges a cluster is made with and keeps for its life, recorded by its log's
 * Genesis record: the Service CIDR (kube-apiserver's {@code --service-cluster-ip-range}: apply()
 * allocates cluster IPs from it, so a replay of the log gives the same addresses), the cluster
 * CIDR and the prefix length of each node's pod CIDR in it (kube-controller-manager's
 * {@code --cluster-cidr} and {@code --node-cidr-mask-size}). The state holds them under an
 * internal key; a log begun before they were recorded has the defaults.
 */
public record ClusterNetwork(Ipv4Cidr serviceCidr, Ipv4Cidr clusterCidr, int nodeCidrMaskSize) {

  /** kubeadm's defaults: Services in 10.96.0.0/12, pods in 10.244.0.0/16, a /24 per node. */
  public static final ClusterNetwork DEFAULT = of("10.96.0.0/12", "10.244.0.0/16", 24);
  /** Where the state holds them (internal: stored, never served). */
  public static final String KEY = "internal/network//cluster";

  public ClusterNetwork {
    if (serviceCidr.prefix() > 28 || serviceCidr.prefix() < 12) {
      throw new IllegalArgumentException("the Service CIDR " + serviceCidr + " must be between /12 and /28");
    }
    if (nodeCidrMaskSize < clusterCidr.prefix() || nodeCidrMaskSize > 30) {
      throw new IllegalArgumentException("a node CIDR of /" + nodeCidrMaskSize + " does not fit in the cluster CIDR "
          + clusterCidr);
    }
    if (nodeCidrMaskSize - clusterCidr.prefix() > 16) {
      throw new IllegalArgumentException("the cluster CIDR " + clusterCidr + " holds more than 65536 node CIDRs of /"
          + nodeCidrMaskSize + ": give a larger node CIDR mask size");
    }
    if (clusterCidr.prefix() >= serviceCidr.prefix() && serviceCidr.contains(clusterCidr.network())) {
      throw new IllegalArgumentException("the cluster CIDR " + clusterCidr + " lies inside the Service CIDR "
          + serviceCidr);
    }
  }

  public static ClusterNetwork of(String serviceCidr, String clusterCidr, int nodeCidrMaskSize) {
    return new ClusterNetwork(Ipv4Cidr.parse(serviceCidr), Ipv4Cidr.parse(clusterCidr), nodeCidrMaskSize);
  }

  /** The ranges the state holds, or the defaults when none were recorded. */
  public static ClusterNetwork recorded(Function<String, ObjectNode> read) {
    ObjectNode o = read.apply(KEY);
    if (o == null) {
      return DEFAULT;
    }
    return of(o.path("serviceCIDR").asText(), o.path("clusterCIDR").asText(DEFAULT.clusterCidr().toString()),
        o.path("nodeCIDRMaskSize").asInt(DEFAULT.nodeCidrMaskSize()));
  }

  /** As the state holds it. */
  public ObjectNode toObject() {
    ObjectNode o = Json.MAPPER.createObjectNode().put("serviceCIDR", serviceCidr.toString())
        .put("clusterCIDR", clusterCidr.toString()).put("nodeCIDRMaskSize", nodeCidrMaskSize);
    o.putObject("metadata");
    return o;
  }

  /** The {@code kubernetes} Service's cluster IP: the Service CIDR's first address, as kube-apiserver's. */
  public String apiServiceIp() {
    return serviceCidr.address(1);
  }

  /** The {@code kube-dns} Service's cluster IP: the Service CIDR's tenth address, as kubeadm's. */
  public String dnsServiceIp() {
    return serviceCidr.address(10);
  }
}
