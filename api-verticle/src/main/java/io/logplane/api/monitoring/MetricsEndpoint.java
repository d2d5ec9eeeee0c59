package io.logplane.api.monitoring;

import io.logplane.api.http.ApiException;
import io.logplane.projections.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /metrics}. Kube serves it to whoever may get the non-resource URL {@code /metrics}:
 * the authorizer decided that before this (the admin, {@code system:masters}, and the group
 * {@code system:monitoring}, as kube's default policy has it).
 */
public final class MetricsEndpoint {

  private MetricsEndpoint() {}

  public static void serve(RoutingContext ctx, ServerMetrics metrics) {
    if (!ctx.request().method().name().equals("GET")) {
      throw ApiException.of(405, "MethodNotAllowed", "the server does not allow this method on the requested"
          + " resource (" + ctx.request().method().name() + ")");
    }
    ctx.vertx().executeBlocking(metrics::scrape, false).onComplete(done -> {
      if (ctx.response().ended()) {
        return;
      }
      if (done.succeeded()) {
        ctx.response().putHeader("Content-Type", ServerMetrics.CONTENT_TYPE).end(done.result());
      } else {
        ApiException e = ApiException.of(500, "InternalError", "Internal error occurred: " + done.cause());
        ctx.response().setStatusCode(500).putHeader("Content-Type", "application/json")
            .end(Buffer.buffer(Json.bytes(e.status())));
      }
    });
  }
}
