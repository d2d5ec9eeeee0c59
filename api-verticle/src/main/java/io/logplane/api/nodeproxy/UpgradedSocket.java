package io.logplane.api.nodeproxy;

import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.http1.Http1ServerConnection;
import io.vertx.core.net.NetSocket;

/**
 * The client's connection once the node answered its upgrade: {@code 101 Switching Protocols}
 * with the node's headers goes back, and the connection is handed over as a socket. Vert.x's
 * {@code toNetSocket()} does so for GET requests only (WebSocket upgrades); client-go's SPDY
 * upgrades ({@code kubectl port-forward}, and {@code exec} where WebSockets are refused) are
 * POSTs: for them the answer is written on the connection's channel, then the connection is
 * turned into a socket as {@code toNetSocket()} turns it.
 */
final class UpgradedSocket {
  private UpgradedSocket() {}

  static Future<NetSocket> of(HttpServerRequest in, MultiMap headers) {
    if (in.method() == HttpMethod.GET) {
      headers.forEach(h -> in.response().headers().add(h.getKey(), h.getValue()));
      return in.toNetSocket();
    }
    if (!(in.connection() instanceof Http1ServerConnection connection)) {
      return Future.failedFuture("an upgrade takes an HTTP/1.1 connection, not " + in.version());
    }
    DefaultFullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.SWITCHING_PROTOCOLS);
    headers.forEach(h -> answer.headers().add(h.getKey(), h.getValue()));
    Promise<NetSocket> socket = Promise.promise();
    connection.channel().writeAndFlush(answer).addListener(f -> {
      if (f.isSuccess()) {
        connection.netSocket().onComplete(socket);
      } else {
        socket.fail(f.cause());
      }
    });
    return socket.future();
  }
}
