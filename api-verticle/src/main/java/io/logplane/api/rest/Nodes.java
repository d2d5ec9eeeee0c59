package io.logplane.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.ApiContext;
import io.logplane.api.http.ApiException;
import io.logplane.api.resources.ResourceType;
import io.logplane.projections.Json;
import io.vertx.core.Future;

/** The Node a pod's proxied request goes to, read from the local state; a 404 when there is none. */
final class Nodes {
  private Nodes() {}

  static Future<JsonNode> get(ApiContext api, String name) {
    ResourceType nodes = api.registry().find("", "v1", "nodes").orElseThrow();
    return api.vertx().executeBlocking(() -> api.projection().store().get(nodes.key(null, name)), false)
        .compose(bytes -> bytes == null
            ? Future.failedFuture(new ApiException(404, "NotFound", "nodes \"" + name + "\" not found", name,
                "", "nodes", null))
            : Future.succeededFuture(Json.object(bytes)));
  }
}
