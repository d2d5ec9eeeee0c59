package io.logplane.api.rest;

import io.logplane.api.ApiContext;
import io.logplane.api.http.ApiException;
import io.logplane.api.nodeproxy.KubeletLocation;
import io.logplane.api.nodeproxy.PodLogOptions;
import io.logplane.api.nodeproxy.StreamOptions;
import io.logplane.api.nodeproxy.UpgradeProxy;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;

/**
 * {@code GET} or {@code POST pods/{name}/exec}, {@code attach} and {@code portforward}, as
 * kube-apiserver's {@code ExecREST}, {@code AttachREST} and {@code PortForwardREST}: the pod read,
 * the container checked or picked ({@code streamLocation}), the pod's node located, then the
 * upgraded connection proxied to the node's server ({@link UpgradeProxy}).
 */
final class PodStreamHandler {
  private final ApiContext api;
  private final Reads reads;
  private final UpgradeProxy proxy;

  PodStreamHandler(ApiContext api, Reads reads) {
    this.api = api;
    this.reads = reads;
    this.proxy = new UpgradeProxy(api.vertx());
  }

  /** Whether {@code sub} of {@code call}'s type is one this handler serves. */
  static boolean serves(Call call, String sub) {
    return sub != null && StreamOptions.SUBRESOURCES.contains(sub) && call.info().name() != null
        && call.type().group().isEmpty() && call.type().resource().equals("pods");
  }

  void handle(Call call) {
    HttpMethod m = call.ctx().request().method();
    if (m != HttpMethod.GET && m != HttpMethod.POST) {
      throw ApiException.of(405, "MethodNotAllowed", "the server does not allow this method on the"
          + " requested resource (" + m.name() + ")");
    }
    String name = call.info().name();
    StreamOptions options = StreamOptions.parse(call.info().subresource(), call.query());
    // Read while the request may still be answered; the upgrade is asked of the node only.
    call.ctx().request().pause();
    reads.existing(call, name)
        .compose(pod -> {
          String container = options.inContainer() ? PodLogOptions.container(options.container(), pod) : "";
          String nodeName = pod.path("spec").path("nodeName").asText("");
          if (nodeName.isEmpty()) {
            throw ApiException.badRequest("pod " + name + " does not have a host assigned");
          }
          return Nodes.get(api, nodeName).compose(node -> proxy.proxy(call.ctx().request(),
              KubeletLocation.of(node), options.nodeUri(call.namespace(), name, container)));
        })
        .onFailure(call::fail);
  }
}
