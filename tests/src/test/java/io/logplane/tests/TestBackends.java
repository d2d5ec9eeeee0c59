package io.logplane.tests;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.TimeUnit;

/**
 * Real HTTP servers standing in for pods (hollow nodes run no process): each on its own loopback
 * address, answering {@code <name> <method> <uri> host=<Host> xff=<X-Forwarded-For>
 * proto=<X-Forwarded-Proto>}, and echoing WebSocket text messages as {@code <name>:<text>}.
 */
final class TestBackends implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();

  /** Starts a backend named {@code name} on {@code ip}, at a free port; returns the port. */
  int start(String name, String ip) throws Exception {
    HttpServer server = vertx.createHttpServer()
        .webSocketHandler(ws -> ws.textMessageHandler(m -> ws.writeTextMessage(name + ":" + m)))
        .requestHandler(req -> req.body().onComplete(b -> req.response().end(describe(name, req)
            + (b.succeeded() && b.result().length() > 0 ? " body=" + b.result() : ""))));
    return server.listen(0, ip).await(10, TimeUnit.SECONDS).actualPort();
  }

  private static String describe(String name, HttpServerRequest req) {
    return name + " " + req.method() + " " + req.uri() + " host=" + req.getHeader("host") + " xff="
        + req.getHeader("x-forwarded-for") + " proto=" + req.getHeader("x-forwarded-proto");
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
