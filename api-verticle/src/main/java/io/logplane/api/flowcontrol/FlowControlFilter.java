package io.logplane.api.flowcontrol;

import io.logplane.api.http.ApiException;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.informers.Informer;
import io.logplane.projections.informers.Informers;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * API Priority and Fairness in front of the handlers, as kube-apiserver's filter: the
 * FlowSchemas and PriorityLevelConfigurations of the local state (followed as they change)
 * classify each request that is not long-running; it runs once it holds a seat of its level,
 * waits in its level's queues meanwhile (never on an event loop), or is answered 429 with
 * {@code Retry-After} when its queue is full or it waited too long. Every answer carries
 * {@code X-Kubernetes-PF-FlowSchema-UID} and {@code X-Kubernetes-PF-PriorityLevel-UID}, as kube's
 * do. Until the objects are known (a server whose state has none), {@link #configured} is false
 * and the caller falls back to the plain in-flight bounds.
 */
public final class FlowControlFilter {

  static final String FLOW_SCHEMAS = "flowcontrol.apiserver.k8s.io/flowschemas/";
  static final String LEVELS = "flowcontrol.apiserver.k8s.io/prioritylevelconfigurations/";

  /** What becomes of the requests, for the metrics: kube's dispatched and rejected counts. */
  public interface Outcomes {
    void dispatched(String flowSchema, String priorityLevel);

    /** @param reason kube's words: queue-full, concurrency-limit, time-out */
    void rejected(String flowSchema, String priorityLevel, String reason);
  }

  private static final int PENDING = 0;
  private static final int SEATED = 1;
  private static final int REJECTED = 2;
  private static final int QUEUED = 3;

  private final FlowControl flow;
  private volatile Outcomes outcomes = new Outcomes() {
    @Override
    public void dispatched(String flowSchema, String priorityLevel) {
    }

    @Override
    public void rejected(String flowSchema, String priorityLevel, String reason) {
    }
  };
  private final Vertx vertx;
  private final ObjectWriter writer;
  private final java.util.concurrent.atomic.AtomicBoolean statusPass = new java.util.concurrent.atomic.AtomicBoolean();
  private final Informer schemas;
  private final Informer levels;

  /**
   * @param serverConcurrencyLimit the seats shared among the levels (kube: max-requests-inflight + max-mutating)
   * @param writer                 writes the FlowSchemas' {@code Dangling} conditions
   */
  public FlowControlFilter(Vertx vertx, Informers informers, int serverConcurrencyLimit, ObjectWriter writer) {
    this.flow = new FlowControl(serverConcurrencyLimit, FairQueues.DEFAULT_MAX_WAIT_MILLIS,
        FairQueues.Timers.of(vertx));
    this.vertx = vertx;
    this.writer = writer;
    this.schemas = informers.informer(FLOW_SCHEMAS);
    this.levels = informers.informer(LEVELS);
    Informer.Handler changed = (key, old, now) -> {
      flow.update(schemas.list(), levels.list());
      if (statusPass.compareAndSet(false, true)) {
        vertx.setTimer(200, id -> syncConditions());
      }
    };
    schemas.addHandler(changed);
    levels.addHandler(changed);
  }

  /** Writes each FlowSchema's Dangling condition that is not up to date; a failed write waits for the next change. */
  private void syncConditions() {
    statusPass.set(false);
    java.util.Set<String> names = DanglingConditions.names(levels.list());
    String now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    for (com.fasterxml.jackson.databind.node.ObjectNode fs : schemas.list()) {
      com.fasterxml.jackson.databind.node.ObjectNode next = DanglingConditions.updated(fs, names, now);
      if (next != null) {
        writer.updateStatus(Key.parse(FLOW_SCHEMAS + "/" + io.logplane.projections.Metadata.text(fs, "name")), next)
            .whenComplete((ok, e) -> { });
      }
    }
  }

  /** Whether any priority level is known: false, the request is left to the in-flight bounds. */
  public boolean configured() {
    return !flow.levels().isEmpty();
  }

  /** Counts what becomes of the requests from now on. */
  public void countInto(Outcomes outcomes) {
    this.outcomes = outcomes;
  }

  /** The classification and seats, for metrics and tests. */
  public FlowControl flowControl() {
    return flow;
  }

  /**
   * Runs {@code serve} on the request's context once the request holds a seat, or answers 429.
   * The seat is given back when the response ends or the connection closes, and a request still
   * queued then leaves its queue.
   */
  public void admit(RoutingContext ctx, RequestDigest digest, Runnable serve) {
    Context context = Vertx.currentContext();
    // who decides first: the admission within admit() (seated or rejected at once) or this
    // method's return (then the outcome comes later, on another thread, and is run on the context)
    AtomicInteger state = new AtomicInteger(PENDING);
    FairQueues.Reason[] refusal = new FairQueues.Reason[1];
    FlowControl.Admission[] admitted = new FlowControl.Admission[1];
    FlowControl.Admission admission = flow.admit(digest, new FairQueues.Callbacks() {
      @Override
      public void seated() {
        if (!state.compareAndSet(PENDING, SEATED)) {
          count(admitted[0], null);
          context.runOnContext(v -> {
            if (!ctx.response().ended() && !ctx.response().closed()) {
              serve.run();
            }
          });
        }
      }

      @Override
      public void rejected(FairQueues.Reason reason) {
        refusal[0] = reason;
        if (!state.compareAndSet(PENDING, REJECTED)) {
          count(admitted[0], reason);
          context.runOnContext(v -> tooMany(ctx));
        }
      }
    });
    admitted[0] = admission;
    ctx.response().putHeader("X-Kubernetes-PF-FlowSchema-UID", admission.flowSchemaUid())
        .putHeader("X-Kubernetes-PF-PriorityLevel-UID", admission.priorityLevelUid());
    ctx.addEndHandler(done -> admission.release());
    if (state.compareAndSet(PENDING, QUEUED)) {
      return;
    }
    if (state.get() == SEATED) {
      count(admission, null);
      serve.run();
    } else {
      count(admission, refusal[0]);
      tooMany(ctx);
    }
  }

  private void count(FlowControl.Admission a, FairQueues.Reason rejected) {
    if (rejected == null) {
      outcomes.dispatched(a.flowSchema(), a.priorityLevel());
    } else {
      outcomes.rejected(a.flowSchema(), a.priorityLevel(), rejected.text().replace(' ', '-'));
    }
  }

  private static void tooMany(RoutingContext ctx) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ApiException e = ApiException.tooManyRequests("Too many requests, please try again later.", 1);
    ctx.response().setStatusCode(429).putHeader("Retry-After", "1").putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(Json.bytes(e.status())));
  }
}
