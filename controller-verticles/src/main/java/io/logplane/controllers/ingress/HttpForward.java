package io.logplane.controllers.ingress;

import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;

/**
 * Sends one request on to an endpoint over HTTP/1.1 (whatever version it came in on) and its
 * response back, streaming both bodies. The Host the client asked for is kept; an endpoint that
 * cannot be reached is answered {@code 502}.
 */
final class HttpForward {

  private static final long CONNECT_TIMEOUT_MILLIS = 5_000;

  private final HttpClient client;

  HttpForward(HttpClient client) {
    this.client = client;
  }

  void forward(HttpServerRequest req, Upstreams.Address to, boolean tls) {
    req.pause();
    HostAndPort authority = req.authority();
    RequestOptions options = new RequestOptions().setMethod(req.method()).setURI(req.uri())
        .setServer(SocketAddress.inetSocketAddress(to.port(), to.ip()))
        .setHost(authority != null ? authority.host() : to.ip())
        .setPort(authority != null && authority.port() > 0 ? authority.port() : to.port())
        .setHeaders(Forwarded.request(req, tls)).setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
    client.request(options).onSuccess(creq -> send(req, creq)).onFailure(e -> Answers.badGateway(req));
  }

  private static void send(HttpServerRequest req, HttpClientRequest creq) {
    String length = req.getHeader("content-length");
    // HTTP/1.x says a body by its length or chunked encoding; HTTP/2 by a stream not ended with its headers.
    boolean body = req.version() == io.vertx.core.http.HttpVersion.HTTP_2 ? !req.isEnded()
        : (length != null && !length.equals("0")) || req.headers().contains("transfer-encoding");
    if (length == null && body) {
      creq.setChunked(true);
    }
    (body ? creq.send(req) : creq.send().onComplete(x -> req.resume()))
        .onSuccess(cresp -> reply(req, cresp))
        .onFailure(e -> Answers.badGateway(req));
  }

  private static void reply(HttpServerRequest req, HttpClientResponse cresp) {
    HttpServerResponse resp = req.response();
    resp.setStatusCode(cresp.statusCode());
    if (cresp.statusMessage() != null && req.version() != io.vertx.core.http.HttpVersion.HTTP_2) {
      resp.setStatusMessage(cresp.statusMessage());
    }
    Forwarded.copy(cresp.headers(), resp.headers());
    resp.send(cresp);
  }
}
