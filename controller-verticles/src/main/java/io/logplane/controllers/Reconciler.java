package io.logplane.controllers;

import java.time.Duration;
import java.util.Objects;

/**
 * One controller's logic: given the key of an object, read the current state and append what is
 * missing. Driven by the state, never by the event that woke it; may be called again for the
 * same key at any time and must converge. What wakes it is declared by its {@link Controller}.
 */
@FunctionalInterface
public interface Reconciler {

  /**
   * What the loop should do with the key next: nothing, or reconcile it again after a pause (as
   * controller-runtime's {@code RequeueAfter}). Not a failure: the key's backoff is reset.
   */
  record Result(Duration requeueAfter) {

    /** The key is converged; the next event for it queues it again. */
    public static final Result DONE = new Result(null);
    /** Look again soon: something is under way that no event of the key will announce. */
    public static final Result REQUEUE = new Result(Duration.ofMillis(200));

    /** Reconcile the key again after the delay. */
    public static Result after(Duration delay) {
      return new Result(Objects.requireNonNull(delay));
    }

    public boolean done() {
      return requeueAfter == null;
    }
  }

  /**
   * Reconciles one key. A {@link io.logplane.projections.TooManyRequests} from the write path
   * requeues the key after its hint; any other exception is retried with backoff.
   */
  Result reconcile(String key) throws Exception;
}
