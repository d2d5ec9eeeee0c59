package io.logplane.api.monitoring;

import io.logplane.api.auth.User;
import io.logplane.api.http.ApiException;
import io.logplane.projections.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /metrics}. Kube serves it to whoever may get the non-resource URL {@code /metrics};
 * with no authorizer yet, that is the admin ({@code system:masters}), as kube's default policy
 * has it: any other authenticated user is refused with kube's 403, the unauthenticated with a
 * 401 before this.
 */
public final class MetricsEndpoint {

  private MetricsEndpoint() {}

  public static void serve(RoutingContext ctx, User user, ServerMetrics metrics) {
    if (!allowed(user)) {
      throw forbidden(user);
    }
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

  /** Whether the user may read the metrics. */
  static boolean allowed(User user) {
    return user.groups().contains(User.MASTERS);
  }

  /** As kube's authorization filter refuses a non-resource URL. */
  static ApiException forbidden(User user) {
    return ApiException.of(403, "Forbidden", "forbidden: User \"" + user.name() + "\" cannot get path \"/metrics\"");
  }
}
