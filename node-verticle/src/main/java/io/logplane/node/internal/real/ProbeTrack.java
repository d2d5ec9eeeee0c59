package io.logplane.node.internal.real;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;

/**
 * One probe of one container run, as the kubelet's prober worker keeps it: when it is due
 * ({@code initialDelaySeconds} after the start, then every {@code periodSeconds}; liveness and
 * readiness only once the startup probe passed, the startup probe only until then), and its
 * result, which changes only after {@code successThreshold} or {@code failureThreshold} equal
 * results in a row. Readiness starts failed, liveness passed, startup unknown. A liveness or
 * startup probe that failed is on hold: the run is to be killed. Pure: the time is given.
 */
final class ProbeTrack {
  enum Kind {
    LIVENESS, READINESS, STARTUP;

    /** As the kubelet names it in its Events: {@code Liveness}, {@code Readiness}, {@code Startup}. */
    String title() {
      return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }
  }

  enum Result { SUCCESS, FAILURE, UNKNOWN }

  final Kind kind;
  final JsonNode spec;
  private final long initialDelay;
  private final long period;
  private final int successThreshold;
  private final int failureThreshold;
  private Result result;
  private Result lastResult = Result.UNKNOWN;
  private int resultRun;
  private Instant lastProbe;
  private boolean onHold;

  private ProbeTrack(Kind kind, JsonNode spec) {
    this.kind = kind;
    this.spec = spec;
    this.initialDelay = spec.path("initialDelaySeconds").asLong(0);
    this.period = Math.max(1, spec.path("periodSeconds").asLong(10));
    this.successThreshold = Math.max(1, spec.path("successThreshold").asInt(1));
    this.failureThreshold = Math.max(1, spec.path("failureThreshold").asInt(3));
    this.result = switch (kind) {
      case READINESS -> Result.FAILURE;
      case LIVENESS -> Result.SUCCESS;
      case STARTUP -> Result.UNKNOWN;
    };
  }

  /** The container's probe of {@code kind}, or null when it has none. */
  static ProbeTrack of(Kind kind, JsonNode container) {
    String field = switch (kind) {
      case LIVENESS -> "livenessProbe";
      case READINESS -> "readinessProbe";
      case STARTUP -> "startupProbe";
    };
    JsonNode spec = container.path(field);
    return spec.isObject() ? new ProbeTrack(kind, spec) : null;
  }

  /** Whether to probe now a run that started at {@code startedAt}. */
  boolean due(Instant startedAt, boolean started, Instant now) {
    if (onHold || now.isBefore(startedAt.plusSeconds(initialDelay))) {
      return false;
    }
    if (kind == Kind.STARTUP ? started : !started) {
      return false;
    }
    return lastProbe == null || !now.isBefore(lastProbe.plusSeconds(period));
  }

  /** A probe's outcome at {@code now}. */
  void record(boolean passed, Instant now) {
    lastProbe = now;
    Result r = passed ? Result.SUCCESS : Result.FAILURE;
    if (r == lastResult) {
      resultRun++;
    } else {
      lastResult = r;
      resultRun = 1;
    }
    if (r == Result.FAILURE && resultRun < failureThreshold
        || r == Result.SUCCESS && resultRun < successThreshold) {
      return;
    }
    result = r;
    if (kind != Kind.READINESS && r == Result.FAILURE) {
      onHold = true;
      resultRun = 0;
    }
  }

  Result result() {
    return result;
  }

  Duration timeout() {
    return Duration.ofSeconds(Math.max(1, spec.path("timeoutSeconds").asLong(1)));
  }
}
