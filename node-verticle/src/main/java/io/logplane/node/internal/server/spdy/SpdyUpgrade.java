package io.logplane.node.internal.server.spdy;

import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.http1.Http1ServerConnection;
import io.vertx.core.net.NetSocket;
import java.util.Map;

/**
 * Takes over an HTTP/1.1 connection for SPDY: answers {@code 101 Switching Protocols} with {@code
 * Connection: Upgrade}, {@code Upgrade: SPDY/3.1} and the given headers, and hands over the
 * connection as a socket. Vert.x's own {@code toNetSocket()} upgrades GET requests only, and
 * client-go's SPDY upgrades are POSTs: so the answer is written on the connection's channel, then
 * the connection is turned into a socket as {@code toNetSocket()} turns it.
 */
public final class SpdyUpgrade {
  private SpdyUpgrade() {}

  public static Future<NetSocket> accept(HttpServerRequest req, Map<String, String> headers) {
    if (!(req.connection() instanceof Http1ServerConnection connection)) {
      return Future.failedFuture("SPDY upgrades take an HTTP/1.1 connection, not " + req.version());
    }
    DefaultFullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.SWITCHING_PROTOCOLS);
    answer.headers().set("Connection", "Upgrade").set("Upgrade", "SPDY/3.1");
    headers.forEach(answer.headers()::set);
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
