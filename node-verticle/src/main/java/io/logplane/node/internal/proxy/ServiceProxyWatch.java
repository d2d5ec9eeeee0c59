package io.logplane.node.internal.proxy;

import io.logplane.kubeclient.KubeClient;
import io.logplane.kubeclient.ListWatch;

/**
 * The two watches the service proxy needs, of all Services and all EndpointSlices, over the
 * HTTP API as kube-proxy's informers: their lists and events handed to the {@link ServiceProxy},
 * which takes them on any thread and does its syncing on its own.
 */
public final class ServiceProxyWatch implements AutoCloseable {
  private final ListWatch services;
  private final ListWatch slices;

  public ServiceProxyWatch(KubeClient client, ServiceProxy proxy) {
    this.services = ListWatch.start(client, "/api/v1/services", "", proxy.services());
    this.slices = ListWatch.start(client, "/apis/discovery.k8s.io/v1/endpointslices", "", proxy.slices());
  }

  @Override
  public void close() {
    services.close();
    slices.close();
  }
}
