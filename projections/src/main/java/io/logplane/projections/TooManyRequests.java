package io.logplane.projections;

import java.time.Duration;

/**
 * A write refused because the projection lags the log (see {@link Proposals}): nothing was
 * appended, and the same command may be proposed again after {@link #retryAfter()}. The API
 * answers it as 429 with a {@code Retry-After} header; a controller requeues its key after the
 * hint. An expected outcome, so it carries no stack trace.
 */
public final class TooManyRequests extends RuntimeException {

  private final transient Duration retryAfter;

  public TooManyRequests(long lag, long maxLag, Duration retryAfter) {
    super("too many requests: the projection is " + lag + " records behind the log (at most " + maxLag
        + " taken), please try again later", null, false, false);
    this.retryAfter = retryAfter;
  }

  /** How long the caller should wait before proposing again. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
