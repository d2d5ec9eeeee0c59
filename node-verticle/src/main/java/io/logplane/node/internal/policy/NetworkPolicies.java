package io.logplane.node.internal.policy;

import io.logplane.node.internal.nft.TableSync;
import io.logplane.node.internal.nft.WatchedObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network policy enforcement of one node: holds the NetworkPolicies, Pods and Namespaces its
 * watches deliver and keeps its nftables table ({@link PolicyRules}) in step with them through a
 * {@link TableSync}. Nothing is synced before all three have been listed once, so no pod is
 * isolated on half the facts. {@link #close} removes the table: policies are not enforced while
 * the node's agent is away.
 *
 * <p>Traffic between two pods on the node's bridge reaches the {@code forward} hook only with
 * {@code br_netfilter} on ({@code net.bridge.bridge-nf-call-iptables=1}), which the service
 * proxy needs as well; without it, only routed traffic is filtered, and a warning says so.
 */
public final class NetworkPolicies implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkPolicies.class);
  private static final Path BRIDGE_NF = Path.of("/proc/sys/net/bridge/bridge-nf-call-iptables");

  /** Packets dropped for want of an ingress rule, and for want of an egress rule. */
  public record Counters(long ingressDenied, long egressDenied) {}

  private final WatchedObjects policies;
  private final WatchedObjects pods;
  private final WatchedObjects namespaces;
  private final TableSync table;

  /**
   * @param table    the nftables table (family {@code inet}) the policies' rules live in
   * @param nodeName the node whose pods ({@code spec.nodeName}) the rules isolate
   */
  public NetworkPolicies(String table, String nodeName) {
    TableSync[] sync = new TableSync[1];
    this.policies = new WatchedObjects(() -> sync[0].request());
    this.pods = new WatchedObjects(() -> sync[0].request(), PolicyPod::kept);
    this.namespaces = new WatchedObjects(() -> sync[0].request(), PolicyMatches::keptNamespace);
    this.table = new TableSync("inet", table,
        () -> policies.isListed() && pods.isListed() && namespaces.isListed(),
        previous -> PolicyRules.sync(table, nodeName, policies.values(), pods.values(),
            namespaces.values(), previous));
    sync[0] = this.table;
    if (!bridgedTrafficFiltered()) {
      LOG.warn("{} is not 1 (modprobe br_netfilter): network policies do not filter traffic between"
          + " two pods of this node's bridge", BRIDGE_NF);
    }
  }

  private static boolean bridgedTrafficFiltered() {
    try {
      return Files.readString(BRIDGE_NF).trim().equals("1");
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** What the NetworkPolicies' list and watch deliver. */
  public WatchedObjects policies() {
    return policies;
  }

  /** What the list and watch of all Pods deliver. */
  public WatchedObjects pods() {
    return pods;
  }

  /** What the Namespaces' list and watch deliver. */
  public WatchedObjects namespaces() {
    return namespaces;
  }

  /** How many syncs succeeded. */
  public long syncs() {
    return table.syncs();
  }

  /** The packets the policies dropped so far; blocking. */
  public Counters counters() {
    return new Counters(table.packets(PolicyRules.INGRESS_DENIED), table.packets(PolicyRules.EGRESS_DENIED));
  }

  /** Whether the table is in the kernel; blocking. */
  public boolean installed() {
    return table.installed();
  }

  /** Stops syncing and removes the table; blocking. */
  @Override
  public void close() {
    table.close();
  }
}
