package io.logplane.launcher;

import io.logplane.projections.ClusterNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * The address ranges asked for on the command line ({@code --service-cidr}, {@code --cluster-cidr},
 * {@code --node-cidr-mask-size}), each null when not given. A new cluster is made with them (the
 * defaults for those not given) and records them in its log's Genesis record; an existing one keeps
 * what it recorded, and a server asked for other ranges on its data refuses to start: cluster IPs
 * already handed out, and replays of the log, are of the recorded ones.
 */
public record NetworkFlags(String serviceCidr, String clusterCidr, Integer nodeCidrMaskSize) {

  /** Nothing asked: the recorded ranges, or the defaults for a new cluster. */
  public static final NetworkFlags NONE = new NetworkFlags(null, null, null);

  /** The ranges of a new cluster; throws IllegalArgumentException for ranges that do not fit together. */
  public ClusterNetwork forNewCluster() {
    ClusterNetwork d = ClusterNetwork.DEFAULT;
    return ClusterNetwork.of(serviceCidr != null ? serviceCidr : d.serviceCidr().toString(),
        clusterCidr != null ? clusterCidr : d.clusterCidr().toString(),
        nodeCidrMaskSize != null ? nodeCidrMaskSize : d.nodeCidrMaskSize());
  }

  /** What of the flags given differs from the ranges recorded (empty when none does). */
  public List<String> conflicts(ClusterNetwork recorded) {
    List<String> out = new ArrayList<>();
    ClusterNetwork asked = forNewCluster();
    if (serviceCidr != null && !asked.serviceCidr().equals(recorded.serviceCidr())) {
      out.add("--service-cidr " + recorded.serviceCidr());
    }
    if (clusterCidr != null && !asked.clusterCidr().equals(recorded.clusterCidr())) {
      out.add("--cluster-cidr " + recorded.clusterCidr());
    }
    if (nodeCidrMaskSize != null && asked.nodeCidrMaskSize() != recorded.nodeCidrMaskSize()) {
      out.add("--node-cidr-mask-size " + recorded.nodeCidrMaskSize());
    }
    return out;
  }

  /** Refuses to start a cluster of {@code dir} whose recorded ranges differ from those asked for. */
  void requireSameAs(ClusterNetwork recorded, java.nio.file.Path dir) throws CannotStartException {
    List<String> conflicts = conflicts(recorded);
    if (!conflicts.isEmpty()) {
      throw new CannotStartException("the cluster of " + dir + " was made with " + String.join(", ", conflicts)
          + ", which it keeps for its life (its cluster IPs and pod CIDRs are of them): start it with those,"
          + " or make a new cluster with another --data-dir");
    }
  }
}
