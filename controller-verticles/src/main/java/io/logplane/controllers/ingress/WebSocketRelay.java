package io.logplane.controllers.ingress;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.HostAndPort;
import java.util.Locale;

/**
 * Proxies a WebSocket upgrade: connects to the endpoint first (a refusal is answered {@code 502}
 * and the client's upgrade not accepted), then accepts the client's and relays messages both ways
 * until either side closes.
 */
final class WebSocketRelay {

  private final WebSocketClient client;

  WebSocketRelay(WebSocketClient client) {
    this.client = client;
  }

  static boolean isUpgrade(HttpServerRequest req) {
    String upgrade = req.getHeader("upgrade");
    return upgrade != null && upgrade.toLowerCase(Locale.ROOT).equals("websocket");
  }

  void relay(HttpServerRequest req, Upstreams.Address to, boolean tls) {
    req.pause();
    // The client connects where host and port say (no separate server address for WebSockets):
    // the Host the client asked for is sent as a header.
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(to.ip()).setPort(to.port())
        .setURI(req.uri());
    HostAndPort authority = req.authority();
    String host = req.getHeader("host");
    if (host != null || authority != null) {
      options.addHeader("Host", host != null ? host : authority.toString(true));
    }
    Forwarded.request(req, tls).forEach((name, value) -> {
      if (!name.toLowerCase(Locale.ROOT).startsWith("sec-websocket-")) {
        options.addHeader(name, value);
      }
    });
    client.connect(options).onSuccess(up -> req.toWebSocket().onSuccess(down -> {
      pipe(up, down);
      pipe(down, up);
    }).onFailure(e -> up.close())).onFailure(e -> Answers.badGateway(req));
  }

  private static void pipe(WebSocketBase from, WebSocketBase to) {
    from.textMessageHandler(to::writeTextMessage);
    from.binaryMessageHandler(to::writeBinaryMessage);
    from.closeHandler(v -> {
      if (!to.isClosed()) {
        Short code = from.closeStatusCode();
        // 1005 and 1006 say no status came: they may not be sent on.
        to.close(code == null || code == 1005 || code == 1006 ? 1000 : code, from.closeReason());
      }
    });
    from.exceptionHandler(e -> to.close());
  }
}
