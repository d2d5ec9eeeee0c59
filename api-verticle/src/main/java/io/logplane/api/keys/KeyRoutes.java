package io.logplane.api.keys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.auth.User;
import io.logplane.api.http.ApiException;
import io.logplane.projections.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * The paths of the Secret keys, non-resource URLs as {@code /metrics} is, allowed to whom RBAC
 * grants them ({@code cluster-admin}): {@code GET /logplane/v1/secretkeys} tells the key generation
 * and how many stored Secrets each generation seals; {@code POST /logplane/v1/secretkeys/rotate}
 * starts a new generation (what {@code logplane keys rotate} asks) and answers the same status.
 */
public final class KeyRoutes {

  public static final String STATUS = "/logplane/v1/secretkeys";
  public static final String ROTATE = STATUS + "/rotate";

  private final SecretResealer resealer;

  public KeyRoutes(SecretResealer resealer) {
    this.resealer = resealer;
  }

  public static boolean serves(String path) {
    return path.equals(STATUS) || path.equals(ROTATE);
  }

  /** Serves a request the caller was authorized for. */
  public void handle(RoutingContext ctx, String path, User user) {
    String method = ctx.request().method().name();
    if (path.equals(ROTATE) ? !method.equals("POST") : !method.equals("GET")) {
      throw ApiException.of(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
    }
    if (path.equals(ROTATE)) {
      // blocking: the generation is written to disk and the stored Secrets counted
      ctx.vertx().executeBlocking(() -> {
        resealer.rotate(user.name());
        return status();
      }).onSuccess(body -> send(ctx, 201, body)).onFailure(e -> {
        ApiException failed = ApiException.of(500, "InternalError", "Internal error occurred: " + e.getMessage());
        ctx.response().setStatusCode(500).putHeader("Content-Type", "application/json")
            .end(Buffer.buffer(Json.bytes(failed.status())));
      });
      return;
    }
    ctx.vertx().executeBlocking(this::status).onSuccess(body -> send(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  private ObjectNode status() {
    SecretResealer.Status s = resealer.status();
    ObjectNode out = Json.MAPPER.createObjectNode().put("kind", "SecretKeys").put("apiVersion", "logplane.io/v1")
        .put("generation", s.generation());
    ObjectNode secrets = out.putObject("secretsByGeneration");
    s.secrets().forEach((g, n) -> secrets.put(Integer.toString(g), n));
    return out.put("resealing", s.resealing()).put("resealed", s.resealed());
  }

  private static void send(RoutingContext ctx, int code, ObjectNode body) {
    ctx.response().setStatusCode(code).putHeader("Content-Type", "application/json").end(Buffer.buffer(Json.bytes(body)));
  }
}
