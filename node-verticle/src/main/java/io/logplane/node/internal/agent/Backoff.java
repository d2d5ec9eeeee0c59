package io.logplane.node.internal.agent;

/**
 * How long a node waits before trying a request again: 200 ms doubling to 30 s, as the
 * kubelet's clients back off from a server that does not answer.
 */
public final class Backoff {
  static final long FIRST_MILLIS = 200;
  static final long MAX_MILLIS = 30_000;

  private Backoff() {}

  /** The wait before attempt {@code attempt} (1 = the first retry). */
  public static long millis(int attempt) {
    if (attempt <= 1) {
      return FIRST_MILLIS;
    }
    return Math.min(MAX_MILLIS, FIRST_MILLIS << Math.min(attempt - 1, 20));
  }
}
