package io.logplane.api;

import io.logplane.api.http.ApiException;
import io.logplane.api.openapi.OpenApi;
import io.logplane.api.resources.Registry;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** {@code /openapi/v2} and {@code /openapi/v3[/...]}, from the documents of the served types. */
final class OpenApiRoutes {

  private final Registry registry;
  private OpenApi docs;
  private long generation = -1;

  OpenApiRoutes(Registry registry) {
    this.registry = registry;
  }

  private synchronized OpenApi docs() {
    if (generation != registry.generation()) {
      docs = new OpenApi(registry.all());
      generation = registry.generation();
    }
    return docs;
  }

  void handle(RoutingContext ctx, String path) {
    byte[] body;
    if (path.equals("/openapi/v2")) {
      body = docs().v2();
    } else if (path.equals("/openapi/v3") || path.equals("/openapi/v3/")) {
      body = docs().v3Root();
    } else if (path.startsWith("/openapi/v3/")) {
      body = docs().v3Group(path.substring("/openapi/v3/".length()))
          .orElseThrow(() -> ApiException.notFound("the server could not find the requested resource"));
    } else {
      throw ApiException.notFound("the server could not find the requested resource");
    }
    ctx.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(body));
  }
}
