package io.logplane.node.internal.real;

import io.logplane.kubeclient.KubeClient;
import io.logplane.node.RealNodeOptions;
import io.logplane.node.internal.agent.Api;
import io.logplane.node.internal.proxy.ProxyRules;
import io.logplane.node.internal.proxy.ServiceProxy;
import io.logplane.node.internal.proxy.ServiceProxyWatch;
import io.logplane.node.internal.policy.NetworkPolicies;
import io.logplane.node.internal.policy.NetworkPolicyWatch;
import io.logplane.node.internal.storage.LocalProvisioner;
import io.logplane.node.internal.storage.ProvisionerWatch;
import io.logplane.node.internal.storage.RealDisk;
import io.vertx.core.Context;
import java.time.Clock;
import java.util.List;

/**
 * What a real node serves besides its pods: the {@link ServiceProxy} (Services and
 * EndpointSlices watched, answered by its nftables rules in table {@code ip NFTTABLE_proxy}),
 * the {@link NetworkPolicies} (NetworkPolicies, Pods and Namespaces watched, enforced on the
 * node's pods in table {@code inet NFTTABLE_policy}) and the local-path provisioner of
 * PersistentVolumeClaims (its volumes under the data directory's {@code local-path/}). Made off
 * the event loop, watching from {@link #watch}; {@link #close} stops the watches,
 * {@link #removeRules} then removes the proxy's and the policies' tables.
 */
final class NodeServices {
  private final RealNodeOptions options;
  private final ServiceProxy proxy;
  private final NetworkPolicies policies;
  private ServiceProxyWatch proxyWatch;
  private NetworkPolicyWatch policyWatch;
  private ProvisionerWatch provisioner;

  NodeServices(RealNodeOptions options) {
    this.options = options;
    List<String> pool = options.loadBalancerPool() == null ? List.of()
        : List.of(options.loadBalancerPool());
    this.proxy = new ServiceProxy(options.proxyTable(), new ProxyRules.Ranges(options.clusterCidr(),
        options.serviceCidr(), pool), options.name());
    this.policies = new NetworkPolicies(options.policyTable(), options.name());
  }

  /** Starts the watches of Services, EndpointSlices, NetworkPolicies, Pods, Namespaces, claims and volumes. */
  void watch(KubeClient client, Api api, Context context, Clock clock) {
    proxyWatch = new ServiceProxyWatch(client, proxy);
    policyWatch = new NetworkPolicyWatch(client, policies);
    provisioner = new ProvisionerWatch(client, context, new LocalProvisioner(api,
        options.name()::equals, new RealDisk(options.dataDir().toAbsolutePath().normalize()
            .resolve("local-path"), context), clock));
  }

  /** Stops the watches. */
  void close() {
    if (provisioner != null) {
      provisioner.close();
    }
    if (proxyWatch != null) {
      proxyWatch.close();
    }
    if (policyWatch != null) {
      policyWatch.close();
    }
  }

  /**
   * Removes the proxy's table (Service addresses are not answered any more) and the policies'
   * (pods are not isolated any more). Blocking.
   */
  void removeRules() {
    proxy.close();
    policies.close();
  }
}
