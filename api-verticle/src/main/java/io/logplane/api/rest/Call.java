package io.logplane.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.auth.User;
import io.logplane.api.http.ApiException;
import io.logplane.api.http.Query;
import io.logplane.api.http.RequestInfo;
import io.logplane.api.resources.ResourceType;
import io.logplane.projections.Json;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** One resource request: what it names, who asks, and how to answer. */
public record Call(RoutingContext ctx, RequestInfo info, ResourceType type, User user, String requestId) {

  public static Call of(RoutingContext ctx, RequestInfo info, ResourceType type, User user) {
    return new Call(ctx, info, type, user, UUID.randomUUID().toString());
  }

  /** The decoded query parameters; every parameter is read through them. */
  public Query query() {
    return Query.of(ctx);
  }

  public String param(String name) {
    return query().get(name);
  }

  /** A boolean option as kube-apiserver reads it ({@link Query#option}): false only when absent, 0 or false. */
  public boolean flag(String name) {
    return query().option(name);
  }

  /** The namespace of the URL; null for cluster-scoped resources and all-namespace lists. */
  public String namespace() {
    return type.namespaced() ? info.namespace() : null;
  }

  /** The API verb of this request, as audit records name it. */
  public String verb() {
    var m = ctx.request().method();
    if (m == io.vertx.core.http.HttpMethod.POST) {
      return "create";
    } else if (m == io.vertx.core.http.HttpMethod.PUT) {
      return "update";
    } else if (m == io.vertx.core.http.HttpMethod.PATCH) {
      String ct = ctx.request().getHeader("Content-Type");
      return ct != null && ct.startsWith("application/apply-patch") ? "apply" : "patch";
    } else if (m == io.vertx.core.http.HttpMethod.DELETE) {
      return info.name() == null ? "deletecollection" : "delete";
    }
    return m.name().toLowerCase();
  }

  public String key(String name) {
    return type.key(namespace(), name);
  }

  public void send(int code, ObjectNode body) {
    send(code, Json.bytes(body), "application/json");
  }

  /**
   * Answers with {@code body}, wrapped, not copied (Vert.x's {@code Buffer.buffer(byte[])}
   * copies: tens of megabytes for a list of thousands of objects): nobody may change it afterwards.
   */
  public void send(int code, byte[] body, String contentType) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(code).putHeader("Content-Type", contentType)
        .putHeader("Audit-Id", requestId).end(BufferInternal.buffer(Unpooled.wrappedBuffer(body)));
  }

  /** Answers a failure: an ApiException as its Status, anything else as a 500 Status. */
  public void fail(Throwable t) {
    Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    ApiException e = c instanceof ApiException a ? a
        : ApiException.of(500, "InternalError", "Internal error occurred: " + c);
    if (!(c instanceof ApiException)) {
      org.slf4j.LoggerFactory.getLogger(Call.class).error("request {} failed", requestId, c);
    }
    if (e.retryAfterSeconds() > 0 && !ctx.response().ended()) {
      ctx.response().putHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
    }
    Refusals refusals = ctx.get(Refusals.class.getName());
    if (refusals != null && refusals.shouldRecord(this, e)) {
      refusals.record(this, e).onComplete(done -> send(e.code(), e.status()));
      return;
    }
    send(e.code(), e.status());
  }

  /** A Status for a missing object of this call's resource. */
  public ApiException notFound(String name) {
    return new ApiException(404, "NotFound", type.resource() + (type.group().isEmpty() ? "" : "." + type.group())
        + " \"" + name + "\" not found", name, type.group(), type.resource(), null);
  }
}
