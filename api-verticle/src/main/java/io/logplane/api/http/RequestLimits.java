package io.logplane.api.http;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a request may take of the server. kube-apiserver's {@code --request-timeout}: a request's
 * body must arrive within it (see {@link BodyDeadline}). And its max-in-flight filter: at most {@code readOnly} reads and {@code mutating}
 * writes served at once; one more is answered 429 with {@code Retry-After: 1}, which client-go
 * and kubectl wait out and send again, so a burst is spread instead of queued without bound in
 * the server. Long-running requests (watches, exec, attach, port-forward, followed logs) take no
 * seat, and members of {@code system:masters} are never refused, as kube exempts them. A bound
 * of 0 means none.
 */
public final class RequestLimits {

  /**
   * kube-apiserver's defaults, {@code --max-requests-inflight}, {@code --max-mutating-requests-inflight}
   * and {@code --request-timeout}.
   */
  public static final RequestLimits DEFAULT = new RequestLimits(400, 200, BodyDeadline.MILLIS);

  private final int maxReadOnly;
  private final int maxMutating;
  private final long timeoutMillis;
  private final AtomicInteger readOnly = new AtomicInteger();
  private final AtomicInteger mutating = new AtomicInteger();

  public RequestLimits(int maxReadOnly, int maxMutating, long timeoutMillis) {
    if (maxReadOnly < 0 || maxMutating < 0) {
      throw new IllegalArgumentException("in-flight bounds must not be negative");
    }
    if (timeoutMillis <= 0) {
      throw new IllegalArgumentException("the request timeout must be positive");
    }
    this.maxReadOnly = maxReadOnly;
    this.maxMutating = maxMutating;
    this.timeoutMillis = timeoutMillis;
  }

  /** These bounds in flight with kube's default request timeout. */
  public RequestLimits(int maxReadOnly, int maxMutating) {
    this(maxReadOnly, maxMutating, BodyDeadline.MILLIS);
  }

  /** These limits with another request timeout. */
  public RequestLimits withTimeout(long millis) {
    return new RequestLimits(maxReadOnly, maxMutating, millis);
  }

  /** How long a request's body may take to arrive. */
  public long timeoutMillis() {
    return timeoutMillis;
  }

  /**
   * Takes a seat for a request, or refuses it.
   *
   * @return what gives the seat back, to run once when the request ends
   * @throws ApiException 429 when the request's kind of seat is all taken
   */
  public Runnable admit(boolean isReadOnly, boolean longRunning, boolean exempt) {
    if (longRunning || exempt) {
      return () -> {};
    }
    AtomicInteger seats = isReadOnly ? readOnly : mutating;
    int max = isReadOnly ? maxReadOnly : maxMutating;
    if (max == 0) {
      return () -> {};
    }
    if (seats.incrementAndGet() > max) {
      seats.decrementAndGet();
      throw ApiException.tooManyRequests("Too many requests, please try again later.", 1);
    }
    return seats::decrementAndGet;
  }

  public int maxReadOnly() {
    return maxReadOnly;
  }

  public int maxMutating() {
    return maxMutating;
  }
}
