package io.logplane.projections;

import io.logplane.events.Command;
import io.logplane.events.EventLog;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one way to write: registers a waiter on the projection, appends the command to the log,
 * and answers with the verdict once the local projection applied it (read your writes). The API
 * and every controller write through it, as etcd's server proposes and waits in one place.
 *
 * <p><b>Push-back.</b> A command is refused before anything happens — no waiter, no append —
 * with {@link TooManyRequests} when the projection lags the log by more than {@code maxLag}
 * records. The lag is the highest offset the log acknowledged to this write path minus the
 * projection's applied offset: both are in memory (no broker round trip per write), and since
 * offsets are the log's, others' records between two of ours count too. When nothing is written
 * through this path, nothing needs pushing back; when something is, its acknowledgements tell
 * how far the log went. The check is not atomic with the append: concurrent writers may pass it
 * together, so the limit is soft by their number.
 *
 * <p><b>Ordering.</b> Commands proposed from one thread are appended in that order (the log
 * keeps the order of appends from one thread); their verdicts may complete on the log's or the
 * projection's thread.
 *
 * <p><b>Who retries.</b> Nobody here. A {@link TooManyRequests} was not attempted: the caller
 * may send the same command again after {@link TooManyRequests#retryAfter()}. A
 * {@link NotAppended} may or may not be in the log, so it is not retried blindly: the API
 * answers it as a failure, a controller reconciles again from the state it reads. A
 * {@link TimeoutException} means the command was appended but not applied in time; it takes
 * effect when the projection catches up. The waiter is forgotten on every failure.
 */
public final class Proposals {

  /** The default lag limit: two of the projection's largest batches. */
  public static final long DEFAULT_MAX_LAG = 10_000;
  /** The default hint to retry after, as kube-apiserver's in-flight limit answers. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
  /** How much longer than its timeout a blocking proposal waits: the projection expires waiters about once a second. */
  private static final Duration SWEEP_MARGIN = Duration.ofSeconds(5);

  private final EventLog log;
  private final Projection projection;
  private final long maxLag;
  private final Duration retryAfter;
  /** The highest offset the log acknowledged to this path, -1 before the first. */
  private final AtomicLong logEnd = new AtomicLong(-1);

  public Proposals(EventLog log, Projection projection) {
    this(log, projection, DEFAULT_MAX_LAG, DEFAULT_RETRY_AFTER);
  }

  /**
   * @param maxLag the most records the projection may be behind this path's last acknowledged
   *     append and still take new commands
   * @param retryAfter the pause suggested to a refused caller
   */
  public Proposals(EventLog log, Projection projection, long maxLag, Duration retryAfter) {
    if (maxLag < 0) {
      throw new IllegalArgumentException("maxLag must not be negative: " + maxLag);
    }
    this.log = log;
    this.projection = projection;
    this.maxLag = maxLag;
    this.retryAfter = retryAfter;
  }

  /** {@link #propose(Command, Duration)} for {@link Projection#DEFAULT_WAIT}. */
  public CompletableFuture<Projection.Applied> propose(Command command) {
    return propose(command, Projection.DEFAULT_WAIT);
  }

  /**
   * Appends a command and completes with its verdict once applied; fails with
   * {@link TooManyRequests} (nothing appended), {@link NotAppended}, or a
   * {@link TimeoutException} after {@code timeout}.
   */
  public CompletableFuture<Projection.Applied> propose(Command command, Duration timeout) {
    long lag = lag();
    if (lag > maxLag) {
      return CompletableFuture.failedFuture(new TooManyRequests(lag, maxLag, retryAfter));
    }
    String id = command.meta().requestId();
    CompletableFuture<Projection.Applied> applied = projection.await(id, timeout);
    applied.whenComplete((a, err) -> {
      if (err != null) {
        projection.forget(id);
      }
    });
    CompletableFuture<Long> offset;
    try {
      offset = log.append(command);
    } catch (RuntimeException e) {
      offset = CompletableFuture.failedFuture(e);
    }
    offset.whenComplete((o, err) -> {
      if (err != null) {
        applied.completeExceptionally(new NotAppended(err));
      } else {
        logEnd.accumulateAndGet(o, Math::max);
      }
    });
    return applied;
  }

  /**
   * Proposes and blocks for the verdict, for a caller on its own thread (a controller's worker).
   * Throws what {@link #propose(Command, Duration)} fails with.
   */
  public Outcome proposeAndWait(Command command, Duration timeout) throws TimeoutException, InterruptedException {
    CompletableFuture<Projection.Applied> applied = propose(command, timeout);
    try {
      return applied.get(timeout.plus(SWEEP_MARGIN).toMillis(), TimeUnit.MILLISECONDS).outcome();
    } catch (TimeoutException e) {
      projection.forget(command.meta().requestId());
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TimeoutException t) {
        throw t;
      }
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  /** How many records the projection is behind this path's last acknowledged append (at most 0 when level). */
  public long lag() {
    return logEnd.get() - projection.appliedOffset();
  }
}
