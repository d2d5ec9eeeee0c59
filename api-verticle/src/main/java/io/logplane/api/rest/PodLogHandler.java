package io.logplane.api.rest;

import io.logplane.api.ApiContext;
import io.logplane.api.http.ApiException;
import io.logplane.api.nodeproxy.KubeletLocation;
import io.logplane.api.nodeproxy.PodLogOptions;
import io.logplane.api.nodeproxy.Upstream;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * {@code GET pods/{name}/log}, as kube-apiserver's {@code LogREST}: the options validated, the
 * container picked, then the log streamed from the node's server ({@code /containerLogs}) as it
 * comes, for as long as the node sends it (a followed log stays open); a client that goes away
 * closes the node's stream. A pod on no node yet has an empty log; a node that refuses or cannot
 * be reached is answered as kube-apiserver answers.
 *
 * <p>The node's server is reached over plain HTTP and without credentials: the API server does
 * not yet check the node's certificate nor show one of its own, as it would to a kubelet.
 */
final class PodLogHandler {
  /** How long the node's server is waited for to accept a connection (kube's dialer's 30 s). */
  private static final int CONNECT_TIMEOUT_MILLIS = 30_000;

  private final ApiContext api;
  private final Reads reads;
  private final HttpClient nodes;

  PodLogHandler(ApiContext api, Reads reads) {
    this.api = api;
    this.reads = reads;
    // Followed logs hold their connection for as long as they last: no small pool per node.
    this.nodes = api.vertx().createHttpClient(new HttpClientOptions()
        .setConnectTimeout(CONNECT_TIMEOUT_MILLIS).setKeepAlive(false),
        new PoolOptions().setHttp1MaxSize(4096));
  }

  void handle(Call call) {
    if (call.ctx().request().method() != HttpMethod.GET) {
      throw ApiException.of(405, "MethodNotAllowed", "the server does not allow this method on the"
          + " requested resource (" + call.ctx().request().method().name() + ")");
    }
    String name = call.info().name();
    PodLogOptions options = PodLogOptions.parse(call.query(), name);
    reads.existing(call, name)
        .compose(pod -> {
          String container = PodLogOptions.container(options.container(), pod);
          String nodeName = pod.path("spec").path("nodeName").asText("");
          if (nodeName.isEmpty()) {
            call.send(200, new byte[0], "text/plain");
            return Future.succeededFuture();
          }
          return Nodes.get(api, nodeName).compose(node -> proxy(call, KubeletLocation.of(node),
              "/containerLogs/" + call.namespace() + "/" + name + "/" + container, options));
        })
        .onFailure(call::fail);
  }

  private Future<Void> proxy(Call call, KubeletLocation at, String path, PodLogOptions options) {
    String query = options.nodeQuery();
    String uri = path + (query.isEmpty() ? "" : "?" + query);
    String url = "http://" + at.hostPort() + uri;
    HttpServerResponse out = call.ctx().response();
    return nodes.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(at.host())
            .setPort(at.port()).setURI(uri))
        .recover(t -> Future.failedFuture(Upstream.unreachable(url, at.hostPort(), t)))
        .compose(req -> req.send()
            .recover(t -> Future.failedFuture(Upstream.unreachable(url, at.hostPort(), t)))
            .compose(in -> in.statusCode() / 100 == 2 ? stream(req, in, out, call)
                : in.body().compose(body -> Future.failedFuture(Upstream.refused(in.statusCode(),
                    truncated(body), "pods/log", call.info().name())))));
  }

  private static Future<Void> stream(HttpClientRequest req, HttpClientResponse in, HttpServerResponse out,
      Call call) {
    // Through the routing context, whose end handlers others (the request metrics) share.
    call.ctx().addEndHandler(done -> {
      if (done.failed()) {
        req.reset();
      }
    });
    out.setStatusCode(200).setChunked(true).putHeader("Content-Type", "text/plain")
        .putHeader("Audit-Id", call.requestId());
    out.writeHead();
    return in.pipeTo(out).recover(t -> {
      req.reset();
      if (!out.ended()) {
        out.reset();
      }
      return Future.succeededFuture();
    });
  }

  private static String truncated(Buffer body) {
    String text = body.toString(java.nio.charset.StandardCharsets.UTF_8);
    return text.length() > Upstream.MAX_BODY ? text.substring(0, Upstream.MAX_BODY) : text;
  }
}
