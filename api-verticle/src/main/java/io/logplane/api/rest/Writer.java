package io.logplane.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.ApiContext;
import io.logplane.api.http.ApiException;
import io.logplane.api.resources.ResourceType;
import io.logplane.events.Command;
import io.logplane.projections.NotAppended;
import io.logplane.projections.Outcome;
import io.logplane.projections.Proposals;
import io.logplane.projections.State;
import io.logplane.projections.Store;
import io.logplane.projections.StateMachine;
import io.logplane.projections.TooManyRequests;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * Proposes a command through the write path ({@link Proposals}) and answers once the local
 * projection applied it (read your writes): the verdict of apply() becomes the response, and the
 * write path's push-back a 429 with {@code Retry-After}. A dry run decides the same command
 * with the same state machine against the current state, and appends nothing.
 */
public final class Writer {

  private static final long APPLY_TIMEOUT_SECONDS = 60;
  private static final java.time.Duration APPLY_TIMEOUT = java.time.Duration.ofSeconds(APPLY_TIMEOUT_SECONDS);

  private final ApiContext api;
  private final StateMachine machine;
  private final Proposals proposals;

  public Writer(ApiContext api, StateMachine machine, Proposals proposals) {
    this.api = api;
    this.machine = machine;
    this.proposals = proposals;
  }

  /** The result of an accepted write: the object, and its stored JSON when the write made it. */
  public record Written(ObjectNode object, byte[] json) {}

  /** The resulting object of an accepted record, or the failed future of its rejection. */
  public Future<ObjectNode> write(Call call, Command record) {
    return written(call, record).map(Written::object);
  }

  /**
   * Like {@link #write}, keeping the stored JSON of the result for the response. Callable from
   * a worker of the request's context (the future then completes on the request's event loop).
   */
  public Future<Written> written(Call call, Command record) {
    if ("All".equals(call.param("dryRun"))) {
      return dryRun(call, record);
    }
    return Future.fromCompletionStage(proposals.propose(record, APPLY_TIMEOUT)
            .exceptionally(t -> {
              throw failure(t);
            }), context())
        .map(a -> new Written(verdict(call.type(), a.outcome(), call, record), a.resultJson()));
  }

  /** The answer to a write the write path did not decide: pushed back, not appended, or not applied in time. */
  static RuntimeException failure(Throwable t) {
    Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    if (c instanceof TooManyRequests m) {
      // Nothing was attempted: a 429 is no Refused record (Refusals records 400, 409 and 422 only).
      return ApiException.tooManyRequests(m.getMessage(), Math.max(1, (m.retryAfter().toMillis() + 999) / 1000));
    }
    if (c instanceof NotAppended n) {
      return ApiException.of(500, "InternalError", n.getMessage());
    }
    if (c instanceof TimeoutException) {
      return new ApiException(504, "Timeout", "Timeout: the write was appended to the log but not applied"
          + " within " + APPLY_TIMEOUT_SECONDS + "s; it will take effect when the projection catches up",
          null, null, null, null);
    }
    return c instanceof RuntimeException r ? r : new CompletionException(c);
  }

  /** The context of the request being served: the caller's, also from its blocking code. */
  private io.vertx.core.Context context() {
    io.vertx.core.Context current = io.vertx.core.Vertx.currentContext();
    return current != null ? current : api.vertx().getOrCreateContext();
  }

  private Future<Written> dryRun(Call call, Command record) {
    return api.vertx().executeBlocking(() -> {
      try (Store.Snapshot snap = api.projection().store().snapshot()) {
        Outcome o = machine.apply(new SnapshotState(api.projection().store(), snap), snap.appliedOffset() + 1, record);
        return new Written(verdict(call.type(), o, call, record), null);
      }
    }, false);
  }

  static ObjectNode verdict(ResourceType type, Outcome outcome, Call call, Command record) {
    if (outcome instanceof Outcome.Accepted a) {
      return a.result();
    }
    Outcome.Rejected r = (Outcome.Rejected) outcome;
    String name = call.info().name();
    if (name == null && record instanceof Command.Create c && !c.key().endsWith("/")) {
      // A create names its object in the body, not in the URL.
      name = c.key().substring(c.key().lastIndexOf('/') + 1);
    }
    return fail(type, r, name);
  }

  private static ObjectNode fail(ResourceType type, Outcome.Rejected r, String name) {
    List<ApiException.Cause> causes = r.causes().stream()
        .map(c -> new ApiException.Cause(c.reason(), c.message(), c.field())).toList();
    throw new ApiException(r.reason().code, r.reason().status, r.message(), name, type.group(), type.resource(),
        causes).inLog();
  }

  /** The state as of a snapshot, for dry runs. */
  private record SnapshotState(Store store, Store.Snapshot snap) implements State {
    @Override
    public ObjectNode get(String key) {
      byte[] b = snap.get(key);
      return b == null ? null : io.logplane.projections.Json.object(b);
    }

    @Override
    public List<String> keysInNamespace(String namespace) {
      return store.keysInNamespace(namespace);
    }

    @Override
    public List<String> dependents(String ownerUid) {
      return store.dependents(ownerUid);
    }

    @Override
    public String keyOfUid(String uid) {
      return store.keyOfUid(uid);
    }
  }
}
