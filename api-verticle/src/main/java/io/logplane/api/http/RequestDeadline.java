package io.logplane.api.http;

import io.logplane.selectors.GoDuration;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * kube-apiserver's deadline of a request that is not long-running: {@code --request-timeout}
 * (60 s), or less when the client asks with the {@code timeout} parameter ({@code kubectl
 * --request-timeout=5s}); a timeout of 0 or beyond the maximum means the maximum, one Go cannot
 * read is a 400. A request still unanswered at its deadline gets kube's 504, whatever its
 * handler does later (a write may still be applied, as kube warns).
 */
public final class RequestDeadline {

  static final String INVALID = "invalid timeout specified in the request URL";
  static final String TIMED_OUT = "Timeout: request did not complete within the allotted timeout";

  private RequestDeadline() {}

  /**
   * The request's deadline from its start, in milliseconds.
   *
   * @throws ApiException 400 when {@code timeout} is not a Go duration
   */
  public static long millis(String timeout, long maximumMillis) {
    if (timeout == null || timeout.isEmpty()) {
      return maximumMillis;
    }
    Duration asked;
    try {
      asked = GoDuration.parse(timeout);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw ApiException.badRequest(INVALID + " - " + e.getMessage());
    }
    long millis = asked.toMillis();
    return millis > 0 && millis < maximumMillis ? millis : maximumMillis;
  }

  /** Answers 504 at the deadline unless the response has begun by then. */
  public static void arm(RoutingContext ctx, long millis) {
    long timer = ctx.vertx().setTimer(millis, id -> {
      if (!ctx.response().headWritten() && !ctx.response().closed()) {
        ApiException e = ApiException.of(504, "Timeout", TIMED_OUT);
        ctx.response().setStatusCode(504).putHeader("Content-Type", "application/json")
            .end(Buffer.buffer(io.logplane.projections.Json.bytes(e.status())));
      }
    });
    ctx.addEndHandler(done -> ctx.vertx().cancelTimer(timer));
  }
}
