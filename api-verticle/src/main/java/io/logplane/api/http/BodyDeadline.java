package io.logplane.api.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a request's body within a deadline: a client that sends the head and then the body
 * slowly, or never (a slow-loris), gets a 408 {@code Timeout} Status once the deadline passes and
 * its HTTP/1 connection is closed, instead of holding the request open for ever. kube-apiserver
 * bounds such a request by its request timeout (60 s by default), which is the deadline here.
 */
public final class BodyDeadline implements Handler<RoutingContext> {

  /** kube-apiserver's default {@code --request-timeout}. */
  public static final long MILLIS = 60_000;

  private final Vertx vertx;
  private final Handler<RoutingContext> body;
  private final long millis;

  /** Runs {@code body} (the body handler) for each request, answering 408 when the body is not in by the deadline. */
  public BodyDeadline(Vertx vertx, Handler<RoutingContext> body, long millis) {
    this.vertx = vertx;
    this.body = body;
    this.millis = millis;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!request.isEnded()) {
      long timer = vertx.setTimer(millis, t -> {
        if (!request.isEnded() && !ctx.response().ended() && !ctx.response().headWritten()) {
          timeOut(ctx);
        }
      });
      ctx.addEndHandler(v -> vertx.cancelTimer(timer));
    }
    body.handle(ctx);
  }

  private void timeOut(RoutingContext ctx) {
    ApiException e = ApiException.of(408, "Timeout", "Timeout: request did not complete within requested timeout"
        + " - the request body did not arrive within " + millis / 1000 + "s");
    boolean http1 = ctx.request().version() != HttpVersion.HTTP_2;
    if (http1) {
      ctx.response().putHeader("Connection", "close");
    }
    ctx.response().setStatusCode(408).putHeader("Content-Type", "application/json")
        .end(io.logplane.projections.Json.MAPPER.valueToTree(e.status()).toString())
        .onComplete(done -> {
          if (http1) {
            ctx.request().connection().close();
          }
        });
  }
}
