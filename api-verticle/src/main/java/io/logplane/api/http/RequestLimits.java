package io.logplane.api.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a request may take of the server. kube-apiserver's {@code --request-timeout}: a request's
 * body must arrive within it (see {@link BodyDeadline}). And its max-in-flight filter: at most {@code readOnly} reads and {@code mutating}
 * writes served at once; one more is answered 429 with {@code Retry-After: 1}, which client-go
 * and kubectl wait out and send again, so a burst is spread instead of queued without bound in
 * the server. Long-running requests (watches, exec, attach, port-forward, followed logs) take no
 * seat, and members of {@code system:masters} are never refused, as kube exempts them. A bound
 * of 0 means none.
 *
 * <p>Watches are counted per user instead: at most {@code watchesPerUser} open at once (1,000 by
 * default; kube has no such bound), so one runaway client (a controller that leaks its watches)
 * cannot hold the server's memory and fan-out for everyone; one more is answered 429. Members of
 * {@code system:masters} are not bounded.
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
  private final int watchesPerUser;
  private final AtomicInteger readOnly = new AtomicInteger();
  private final AtomicInteger mutating = new AtomicInteger();
  private final Map<String, AtomicInteger> watches = new ConcurrentHashMap<>();

  public RequestLimits(int maxReadOnly, int maxMutating, long timeoutMillis) {
    this(maxReadOnly, maxMutating, timeoutMillis, DEFAULT_WATCHES_PER_USER);
  }

  /** The default bound of the watches one user holds open. */
  public static final int DEFAULT_WATCHES_PER_USER = 1000;

  private RequestLimits(int maxReadOnly, int maxMutating, long timeoutMillis, int watchesPerUser) {
    if (maxReadOnly < 0 || maxMutating < 0 || watchesPerUser < 0) {
      throw new IllegalArgumentException("in-flight bounds must not be negative");
    }
    this.watchesPerUser = watchesPerUser;
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
    return new RequestLimits(maxReadOnly, maxMutating, millis, watchesPerUser);
  }

  /** These limits with another bound of the watches per user (0: none). */
  public RequestLimits withWatchesPerUser(int bound) {
    return new RequestLimits(maxReadOnly, maxMutating, timeoutMillis, bound);
  }

  /**
   * Counts a watch of {@code user}'s, or refuses it.
   *
   * @return what gives it back, to run once when the watch ends
   * @throws ApiException 429 when the user holds as many watches as one may
   */
  public Runnable admitWatch(String user, boolean exempt) {
    if (exempt || watchesPerUser == 0) {
      return () -> {};
    }
    int[] open = new int[1];
    // counted inside the map's lock, so that a count dropped to 0 and removed is never incremented
    watches.compute(user, (u, n) -> {
      AtomicInteger c = n == null ? new AtomicInteger() : n;
      open[0] = c.incrementAndGet();
      return c;
    });
    Runnable release = () -> watches.computeIfPresent(user, (u, n) -> n.decrementAndGet() == 0 ? null : n);
    if (open[0] > watchesPerUser) {
      release.run();
      throw ApiException.tooManyRequests("Too many watches: user \"" + user + "\" has " + watchesPerUser
          + " open, as many as one user may; close some or try again later.", 1);
    }
    AtomicInteger once = new AtomicInteger();
    return () -> {
      if (once.getAndIncrement() == 0) {
        release.run();
      }
    };
  }

  /** The watches open by user, of the users bounded (not system:masters). */
  public Map<String, Integer> watchesByUser() {
    Map<String, Integer> out = new TreeMap<>();
    watches.forEach((u, n) -> out.put(u, n.get()));
    return out;
  }

  public int watchesPerUser() {
    return watchesPerUser;
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
