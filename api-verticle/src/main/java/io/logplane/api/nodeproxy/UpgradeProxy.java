package io.logplane.api.nodeproxy;

import io.logplane.api.http.ApiException;
import io.netty.channel.socket.DuplexChannel;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.impl.http1.Http1ServerConnection;
import io.vertx.core.net.NetSocket;
import java.util.Locale;
import java.util.Set;

/**
 * kube-apiserver's {@code UpgradeAwareHandler} for what it proxies to a node with an upgrade
 * ({@code pods/exec}, {@code pods/attach}, {@code pods/portforward}): the client's request goes
 * to the node's server with its headers ({@code Upgrade}, {@code Connection},
 * {@code Sec-WebSocket-*}, {@code X-Stream-Protocol-Version}; not its credentials), and when the
 * node answers {@code 101 Switching Protocols} its answer goes back to the client and the two
 * connections are spliced byte for byte, so WebSocket and SPDY pass alike; when the client
 * goes, the node's side is closed; when the node's side ends, the client's is once it was sent
 * all the node sent ({@link NodeStream}, {@link #finish}). A node's refusal (4xx, 5xx) goes back to the client as it is; a
 * request that asks no upgrade is a 400 ({@code Upgrade request required}).
 */
public final class UpgradeProxy {
  /** How long the node's server is waited for to accept a connection (kube's dialer's 30 s). */
  private static final int CONNECT_TIMEOUT_MILLIS = 30_000;
  /** The client's headers that stay here: its credentials and the hop's own. */
  private static final Set<String> DROPPED = Set.of("authorization", "host", "content-length",
      "transfer-encoding", "keep-alive", "proxy-authorization");

  /** How long a client is given to close its side once the node's ended. */
  private static final long LINGER_MILLIS = 60_000;

  private final Vertx vertx;
  private final HttpClient nodes;

  public UpgradeProxy(Vertx vertx) {
    this.vertx = vertx;
    // A stream holds its connection for as long as it lasts: no small pool per node. Keep-alive,
    // as without it the client would send "Connection: close" in place of the upgrade's.
    this.nodes = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
        .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(4096));
  }

  /** Whether {@code req} asks an upgrade ({@code Connection: Upgrade} and an {@code Upgrade} protocol). */
  public static boolean isUpgrade(HttpServerRequest req) {
    String connection = req.getHeader("Connection");
    String upgrade = req.getHeader("Upgrade");
    return connection != null && upgrade != null && !upgrade.isEmpty()
        && connection.toLowerCase(Locale.ROOT).contains("upgrade");
  }

  /**
   * Proxies {@code in} to {@code uri} on the node {@code at}. Fails with the Status to answer
   * while the client's request can still be answered (no upgrade asked, node unreachable);
   * completes once the node answered, and the client got that answer.
   */
  public Future<Void> proxy(HttpServerRequest in, KubeletLocation at, String uri) {
    if (!isUpgrade(in)) {
      return Future.failedFuture(ApiException.badRequest("Upgrade request required"));
    }
    in.pause();
    // GET whatever the client's method: Vert.x's client turns only GET upgrades into sockets (a
    // POST's 101 would leave the bytes sent as its body), and the kubelet serves GET and POST alike.
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(at.host())
        .setPort(at.port()).setURI(uri);
    in.headers().forEach(h -> {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (!DROPPED.contains(name) && !name.startsWith("impersonate-")) {
        options.addHeader(h.getKey(), h.getValue());
      }
    });
    String remote = in.remoteAddress() == null ? null : in.remoteAddress().hostAddress();
    if (remote != null) {
      String forwarded = in.getHeader("X-Forwarded-For");
      options.putHeader("X-Forwarded-For", forwarded == null ? remote : forwarded + ", " + remote);
    }
    return nodes.request(options)
        .compose(req -> {
          // Once spliced, the request ends with the connection: no error of its own to report.
          req.exceptionHandler(t -> { });
          return req.connect();
        })
        .recover(t -> Future.failedFuture(ApiException.of(500, "",
            "error dialing backend: " + Upstream.dialError(at.hostPort(), t))))
        .compose(answer -> answer.statusCode() == 101 ? splice(in, answer)
            : answer.statusCode() >= 400 ? refused(in.response(), answer)
            : Future.failedFuture(ApiException.of(500, "InternalError", "Internal error occurred: "
                + "invalid upgrade response: status code " + answer.statusCode())));
  }

  private Future<Void> splice(HttpServerRequest in, HttpClientResponse answer) {
    NetSocket node = answer.netSocket();
    NodeStream fromNode = new NodeStream(answer, node);
    return UpgradedSocket.of(in, answer.headers())
        .onFailure(t -> node.close())
        .map(client -> {
          client.pipeTo(node);
          client.closeHandler(v -> node.close());
          // The node's end, once all it sent was written to the client (see NodeStream): the
          // end waits for the last write, as shutting the output drops what it did not write yet.
          fromNode.to(client, v -> finish(in, client));
          return null;
        });
  }

  /**
   * Ends the client's side once all the node sent went out: its output is shut (a FIN) and the
   * connection closed when the client closes it, or {@link #LINGER_MILLIS} later. Closing it at
   * once would reset it if the client's pings were still unread, and a reset drops what the
   * client had received but not yet read.
   */
  private void finish(HttpServerRequest in, NetSocket client) {
    if (in.connection() instanceof Http1ServerConnection c && c.channel() instanceof DuplexChannel ch
        && ch.isActive()) {
      ch.shutdownOutput();
      vertx.setTimer(LINGER_MILLIS, id -> client.close());
    } else {
      client.close();
    }
  }

  /** A node's refusal, passed on as it is: its status, headers and body. */
  private static Future<Void> refused(HttpServerResponse out, HttpClientResponse answer) {
    return answer.body().compose(body -> {
      out.setStatusCode(answer.statusCode()).setStatusMessage(answer.statusMessage());
      copy(answer.headers(), out.headers());
      out.headers().remove("Transfer-Encoding").remove("Connection").remove("Content-Length");
      return out.end(body.length() > Upstream.MAX_BODY ? body.getBuffer(0, Upstream.MAX_BODY) : body);
    });
  }

  private static void copy(MultiMap from, MultiMap to) {
    from.forEach(h -> to.add(h.getKey(), h.getValue()));
  }
}
