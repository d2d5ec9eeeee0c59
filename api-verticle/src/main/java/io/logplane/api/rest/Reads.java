package io.logplane.api.rest;

import io.logplane.api.ApiContext;
import io.logplane.api.http.ApiException;
import io.vertx.core.Future;

/**
 * Read consistency (invariant 5): a read with resourceVersion unset waits until the projection
 * has applied everything the log held when the request arrived; resourceVersion=0 is served
 * from local state at once; resourceVersion=N waits until N is applied.
 */
public final class Reads {

  private final ApiContext api;

  public Reads(ApiContext api) {
    this.api = api;
  }

  /** Completes with the applied offset once the read may be served. */
  public Future<Long> barrier(Call call) {
    long n = ReadOptions.resourceVersion(call.query());
    var ctx = api.vertx().getOrCreateContext();
    if (n == 0) {
      return Future.succeededFuture(api.projection().appliedOffset());
    }
    if (n > 0) {
      long applied = api.projection().appliedOffset();
      return Future.fromCompletionStage(api.projection().awaitApplied(n), ctx)
          .timeout(3, java.util.concurrent.TimeUnit.SECONDS)
          .recover(t -> Future.failedFuture(new ApiException(504, "Timeout", "Too large resource version: " + n
              + ", current: " + applied, null, null, null,
              java.util.List.of(new ApiException.Cause("ResourceVersionTooLarge", "Too large resource version",
                  null)))));
    }
    return Future.fromCompletionStage(api.log().endOffset()
        .thenCompose(end -> api.projection().awaitApplied(end - 1)), ctx);
  }

  /** The named object as of a linearizable read, or null when it does not exist. */
  public Future<com.fasterxml.jackson.databind.node.ObjectNode> current(Call call, String name) {
    return barrier(call).compose(a -> api.vertx().executeBlocking(() -> {
      byte[] bytes = api.projection().store().get(call.key(name));
      return bytes == null ? null : io.logplane.projections.Json.object(bytes);
    }, false));
  }

  /** The named object as of a linearizable read; a 404 Status when it does not exist. */
  public Future<com.fasterxml.jackson.databind.node.ObjectNode> existing(Call call, String name) {
    return current(call, name).compose(o -> o == null ? Future.failedFuture(call.notFound(name))
        : Future.succeededFuture(o));
  }

  /** A precondition version from a body: 0 (none) when absent. */
  public static long parseVersionOrZero(String rv) {
    return rv == null || rv.isEmpty() ? 0 : parseVersion(rv);
  }

  public static long parseVersion(String rv) {
    try {
      long n = Long.parseLong(rv);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid resource version \"" + rv + "\"");
    }
  }
}
