package io.logplane.node.internal.server.portforward;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.server.NodePods;
import io.logplane.node.internal.server.spdy.SpdyConnection;
import io.logplane.node.internal.server.spdy.SpdyUpgrade;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET|POST /portForward/{namespace}/{pod}[/{uid}]}, as the kubelet answers it: the pod
 * must be on the node (404 {@code pod does not exist}; of another uid, 404 {@code pod not found})
 * with a sandbox (an address), then the connection is upgraded to SPDY/3.1 with protocol {@code
 * portforward.k8s.io}, or taken as a WebSocket of subprotocol {@code SPDY/3.1+portforward.k8s.io}
 * whose binary messages carry the same SPDY bytes (what kube-apiserver's {@code
 * TunnelingHandler} serves to kubectl 1.31+ in front of a kubelet speaking SPDY).
 */
public final class PortForwardHandler {
  private static final Logger LOG = LoggerFactory.getLogger(PortForwardHandler.class);
  /** The path's start. */
  public static final String PATH = "/portForward/";
  /** The one port-forward protocol there is. */
  static final String PROTOCOL = "portforward.k8s.io";
  /** The WebSocket subprotocol that tunnels SPDY of {@link #PROTOCOL}. */
  public static final String TUNNEL = "SPDY/3.1+" + PROTOCOL;
  private static final long CONNECT_TIMEOUT_MS = 5000;
  /** How long a request's second stream is waited for: the kubelet's streamCreationTimeout. */
  private static final Duration STREAM_CREATION = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final NodePods pods;
  private final UnaryOperator<String> netns;
  private final NetClient client;
  private final Duration streamCreation;
  private final Duration idle;

  /**
   * @param netns the path of the network namespace of the sandbox of an id (a pod's uid)
   * @param idle  how long a connection may carry nothing before it is closed; zero: forever
   */
  public PortForwardHandler(Vertx vertx, NodePods pods, UnaryOperator<String> netns, Duration idle) {
    this(vertx, pods, netns, STREAM_CREATION, idle);
  }

  PortForwardHandler(Vertx vertx, NodePods pods, UnaryOperator<String> netns, Duration streamCreation,
      Duration idle) {
    this.idle = idle;
    this.vertx = vertx;
    this.pods = pods;
    this.netns = netns;
    this.streamCreation = streamCreation;
    this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout((int) CONNECT_TIMEOUT_MS));
  }

  public void handle(HttpServerRequest req) {
    String[] parts = req.path().substring(PATH.length()).split("/", -1);
    if (parts.length < 2 || parts.length > 3 || Arrays.stream(parts).anyMatch(String::isEmpty)) {
      text(req.response(), 404, "404 page not found\n");
      return;
    }
    req.pause();
    pods.pod(parts[0], parts[1]).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("port-forward to {}/{}: the pod could not be read", parts[0], parts[1], ar.cause());
        text(req.response(), 500, String.valueOf(ar.cause().getMessage()));
      } else {
        forward(req, parts, ar.result());
      }
    });
  }

  private void forward(HttpServerRequest req, String[] parts, JsonNode pod) {
    HttpServerResponse response = req.response();
    String uid = pod == null ? "" : pod.path("metadata").path("uid").asText();
    String ip = pod == null ? "" : pod.path("status").path("podIP").asText();
    if (pod == null) {
      text(response, 404, "pod does not exist");
    } else if (parts.length == 3 && !parts[2].equals(uid)) {
      text(response, 404, "pod not found");
    } else if (ip.isEmpty()) {
      text(response, 500, "pod not found (\"" + parts[1] + "_" + parts[0] + "\")");
    } else if ("websocket".equalsIgnoreCase(req.getHeader(HttpHeaders.UPGRADE))) {
      tunnel(req, new PodPortCopy.Pod(ip, uid, netns.apply(uid)));
    } else {
      upgrade(req, new PodPortCopy.Pod(ip, uid, netns.apply(uid)));
    }
  }

  /** kubectl 1.31+: SPDY in the binary messages of a WebSocket. */
  private void tunnel(HttpServerRequest req, PodPortCopy.Pod pod) {
    if (!SpdyUpgrade.values(req, "Sec-WebSocket-Protocol").contains(TUNNEL)) {
      text(req.response(), 400, "unable to upgrade: no tunneling spdy protocols provided");
      return;
    }
    req.toWebSocket().onSuccess(ws -> SpdyConnection.serve(ws, ws, ws::close, streams(pod, req)).idleTimeout(idle))
        .onFailure(t -> {
          LOG.warn("port-forward to {}: no WebSocket", pod.sandboxId(), t);
          req.connection().close();
        });
  }

  /** The SPDY/3.1 upgrade, as {@code httpstream.Handshake} and the SPDY response upgrader. */
  private void upgrade(HttpServerRequest req, PodPortCopy.Pod pod) {
    if (SpdyUpgrade.negotiate(req, List.of(PROTOCOL)) == null) {
      return;
    }
    SpdyUpgrade.accept(req, Map.of(SpdyUpgrade.VERSION, PROTOCOL))
        .onSuccess(s -> SpdyConnection.serve(s, s, s::close, streams(pod, req)).idleTimeout(idle))
        .onFailure(t -> {
          LOG.warn("port-forward to {} not upgraded", pod.sandboxId(), t);
          req.connection().close();
        });
  }

  private PortForwardStreams streams(PodPortCopy.Pod pod, HttpServerRequest req) {
    return new PortForwardStreams(vertx, client, pod, String.valueOf(req.remoteAddress()), streamCreation);
  }

  private static void text(HttpServerResponse response, int code, String body) {
    response.setStatusCode(code).putHeader("Content-Type", "text/plain; charset=utf-8").end(body);
  }

  /** Closes the connection to the pods. */
  public void close() {
    client.close();
  }
}
