package io.logplane.node.internal.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.kubeclient.KubeClient;
import io.logplane.kubeclient.ListWatch;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The two watches the service proxy needs, of all Services and all EndpointSlices, over the
 * HTTP API as kube-proxy's informers: their lists and events handed to the {@link ServiceProxy},
 * which takes them on any thread and does its syncing on its own.
 */
public final class ServiceProxyWatch implements AutoCloseable {
  private final ListWatch services;
  private final ListWatch slices;

  public ServiceProxyWatch(KubeClient client, ServiceProxy proxy) {
    this.services = ListWatch.start(client, "/api/v1/services", "",
        listener(proxy::servicesListed, proxy::serviceChanged));
    this.slices = ListWatch.start(client, "/apis/discovery.k8s.io/v1/endpointslices", "",
        listener(proxy::slicesListed, proxy::sliceChanged));
  }

  private static ListWatch.Listener listener(Consumer<List<JsonNode>> listed,
      BiConsumer<String, JsonNode> changed) {
    return new ListWatch.Listener() {
      @Override
      public void listed(List<JsonNode> items) {
        listed.accept(items);
      }

      @Override
      public void changed(String type, JsonNode object) {
        changed.accept(type, object);
      }
    };
  }

  @Override
  public void close() {
    services.close();
    slices.close();
  }
}
