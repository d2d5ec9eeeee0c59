package io.logplane.node.internal.real;

import io.logplane.kubeclient.KubeClient;
import io.logplane.node.RealNodeOptions;
import io.logplane.node.internal.agent.Api;
import io.logplane.node.internal.proxy.ProxyRules;
import io.logplane.node.internal.proxy.ServiceProxy;
import io.logplane.node.internal.proxy.ServiceProxyWatch;
import io.logplane.node.internal.storage.LocalProvisioner;
import io.logplane.node.internal.storage.ProvisionerWatch;
import io.logplane.node.internal.storage.RealDisk;
import io.vertx.core.Context;
import java.time.Clock;
import java.util.List;

/**
 * What a real node serves besides its pods: the {@link ServiceProxy} (Services and
 * EndpointSlices watched, answered by its nftables rules in table {@code ip NFTTABLE_proxy}) and
 * the local-path provisioner of PersistentVolumeClaims (its volumes under the data directory's
 * {@code local-path/}). Made off the event loop, watching from {@link #watch}; {@link #close}
 * stops the watches, {@link #removeRules} then removes the proxy's table.
 */
final class NodeServices {
  private final RealNodeOptions options;
  private final ServiceProxy proxy;
  private ServiceProxyWatch proxyWatch;
  private ProvisionerWatch provisioner;

  NodeServices(RealNodeOptions options) {
    this.options = options;
    List<String> pool = options.loadBalancerPool() == null ? List.of()
        : List.of(options.loadBalancerPool());
    this.proxy = new ServiceProxy(options.proxyTable(), new ProxyRules.Ranges(options.clusterCidr(),
        options.serviceCidr(), pool), options.name());
  }

  /** Starts the watches of Services, EndpointSlices, claims and volumes. */
  void watch(KubeClient client, Api api, Context context, Clock clock) {
    proxyWatch = new ServiceProxyWatch(client, proxy);
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
  }

  /** Removes the proxy's table: Service addresses are not answered any more. Blocking. */
  void removeRules() {
    proxy.close();
  }
}
