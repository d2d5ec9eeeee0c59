package io.logplane.api;

import io.logplane.api.http.ApiException;
import io.logplane.api.openapi.OpenApi;
import io.logplane.api.resources.Registry;
import io.logplane.api.resources.ResourceType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /openapi/v2} and {@code /openapi/v3[/...]}, from the documents of the served types.
 * The documents are built off the event loop, and follow the custom types as CRDs change.
 */
final class OpenApiRoutes {

  private final Vertx vertx;
  private final Registry registry;
  private final OpenApi docs;
  private final Set<ResourceType> custom = new HashSet<>();
  private long generation = -1;

  OpenApiRoutes(Vertx vertx, Registry registry, OpenApi docs) {
    this.vertx = vertx;
    this.registry = registry;
    this.docs = docs;
  }

  /** Builds the built-in documents (seconds on a cold JVM): call off the event loop. */
  static OpenApi build(Registry registry) {
    List<ResourceType> builtins = registry.all().stream().filter(t -> t.modelClass() != null).toList();
    OpenApi docs = new OpenApi(builtins);
    // The reviews, published as kinds without a schema, so that kubectl's validation of a
    // review it creates finds their group (it falls back to the v2 document's protobuf otherwise).
    for (ResourceType review : io.logplane.api.resources.BuiltinResources.createOnly()) {
      if (review.modelClass() == null) {
        docs.addCustom(review, null);
      }
    }
    docs.v3Root();
    return docs;
  }

  private synchronized OpenApi current() {
    if (generation != registry.generation()) {
      generation = registry.generation();
      Set<ResourceType> now = new HashSet<>();
      for (ResourceType t : registry.all()) {
        if (t.modelClass() == null) {
          now.add(t);
        }
      }
      for (ResourceType gone : custom) {
        if (!now.contains(gone)) {
          docs.removeCustom(gone);
        }
      }
      for (ResourceType t : now) {
        docs.addCustom(t, registry.customSchema(t));
      }
      custom.clear();
      custom.addAll(now);
    }
    return docs;
  }

  /** The v3 document of a group-version path, as published. */
  java.util.Optional<byte[]> document(String groupVersionPath) {
    return current().v3Group(groupVersionPath);
  }

  void handle(RoutingContext ctx, String path) {
    String accept = ctx.request().getHeader("Accept");
    if (path.equals("/openapi/v2") && accept != null && accept.contains("protobuf") && !accept.contains("json")
        && !accept.contains("*/*")) {
      // kubectl asks for this only, to validate the items of a List on the client
      vertx.executeBlocking(() -> current().v2Proto(), false).onComplete(r -> {
        if (r.failed()) {
          ctx.fail(r.cause());
          return;
        }
        ctx.response().putHeader("Content-Type", OpenApi.V2_PROTO).end(Buffer.buffer(r.result()));
      });
      return;
    }
    vertx.executeBlocking(() -> body(path), false).onComplete(r -> {
      if (r.failed()) {
        ApiException e = r.cause() instanceof ApiException a ? a
            : ApiException.of(500, "InternalError", "Internal error occurred: " + r.cause());
        ctx.response().setStatusCode(e.code()).putHeader("Content-Type", "application/json")
            .end(io.logplane.projections.Json.MAPPER.valueToTree(e.status()).toString());
        return;
      }
      String type = path.equals("/openapi/v3") || path.equals("/openapi/v3/") ? "text/plain; charset=utf-8"
          : "application/json";
      ctx.response().putHeader("Content-Type", type);
      if (io.logplane.api.http.Query.of(ctx).get("hash") != null) {
        ctx.response().putHeader("Cache-Control", "public, immutable");
      }
      ctx.response().end(Buffer.buffer(r.result()));
    });
  }

  private byte[] body(String path) {
    OpenApi d = current();
    if (path.equals("/openapi/v2")) {
      return d.v2();
    } else if (path.equals("/openapi/v3") || path.equals("/openapi/v3/")) {
      return d.v3Root();
    } else if (path.startsWith("/openapi/v3/")) {
      return d.v3Group(path.substring("/openapi/v3/".length()))
          .orElseThrow(() -> ApiException.notFound("the server could not find the requested resource"));
    }
    throw ApiException.notFound("the server could not find the requested resource");
  }

  static Future<OpenApi> buildAsync(Vertx vertx, Registry registry) {
    return vertx.executeBlocking(() -> build(registry), false);
  }
}
