package io.logplane.node.internal.server.spdy;

import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.http1.Http1ServerConnection;
import io.vertx.core.net.NetSocket;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Takes over an HTTP/1.1 connection for SPDY: answers {@code 101 Switching Protocols} with {@code
 * Connection: Upgrade}, {@code Upgrade: SPDY/3.1} and the given headers, and hands over the
 * connection as a socket. Vert.x's own {@code toNetSocket()} upgrades GET requests only, and
 * client-go's SPDY upgrades are POSTs: so the answer is written on the connection's channel, then
 * the connection is turned into a socket as {@code toNetSocket()} turns it.
 */
public final class SpdyUpgrade {
  /** The header in which the client offers its protocols and the server names the one it took. */
  public static final String VERSION = "X-Stream-Protocol-Version";

  private SpdyUpgrade() {}

  /**
   * The protocol of the upgrade {@code req} asks, as {@code httpstream.Handshake} negotiates it:
   * the first of the client's {@value #VERSION}s that the server speaks. Null once the request
   * was refused: no protocol offered or none in common (the server's are then named in {@code
   * X-Accepted-Stream-Protocol-Versions}), or no SPDY/3.1 upgrade asked.
   *
   * @param supported the server's protocols
   */
  public static String negotiate(HttpServerRequest req, List<String> supported) {
    HttpServerResponse response = req.response();
    List<String> offered = values(req, VERSION);
    String chosen = offered.stream().filter(supported::contains).findFirst().orElse(null);
    if (offered.isEmpty()) {
      refuse(req, 400, "unable to upgrade: " + VERSION + " is required");
    } else if (chosen == null) {
      response.putHeader("X-Accepted-Stream-Protocol-Versions", String.join(", ", supported));
      refuse(req, 403, "unable to upgrade: unable to negotiate protocol: client supports ["
          + String.join(" ", offered) + "], server accepts [" + String.join(" ", supported) + "]\n");
    } else if (values(req, "Connection").stream().noneMatch(v -> v.equalsIgnoreCase("upgrade"))
        || values(req, "Upgrade").stream().noneMatch(v -> v.equalsIgnoreCase("SPDY/3.1"))) {
      refuse(req, 400, "unable to upgrade: missing upgrade headers in request\n");
      return null;
    }
    return chosen;
  }

  /** A header's values, each comma-separated one on its own. */
  public static List<String> values(HttpServerRequest req, String header) {
    List<String> all = new ArrayList<>();
    for (String v : req.headers().getAll(header)) {
      for (String one : v.split(",")) {
        if (!one.isBlank()) {
          all.add(one.strip());
        }
      }
    }
    return all;
  }

  private static void refuse(HttpServerRequest req, int code, String body) {
    req.resume();
    req.response().setStatusCode(code).putHeader("Content-Type", "text/plain; charset=utf-8").end(body);
  }

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
