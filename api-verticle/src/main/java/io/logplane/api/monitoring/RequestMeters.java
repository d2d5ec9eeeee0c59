package io.logplane.api.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * kube-apiserver's request metrics: {@code apiserver_request_total} (by labels and code),
 * {@code apiserver_request_duration_seconds} (kube's buckets) and
 * {@code apiserver_current_inflight_requests}. Meters are built once per label set and cached:
 * recording a request is a map lookup and a few atomic adds.
 */
public final class RequestMeters {

  /** Kube's buckets of {@code apiserver_request_duration_seconds}, in seconds. */
  static final double[] BUCKETS = {0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5, 6, 8,
      10, 15, 20, 30, 45, 60};
  private static final String COMPONENT = "apiserver";

  private final MeterRegistry registry;
  private final Map<RequestLabels, Meters> meters = new ConcurrentHashMap<>();
  private final AtomicInteger readOnly = new AtomicInteger();
  private final AtomicInteger mutating = new AtomicInteger();

  /** The meters of one label set: its latency and its count per status code. */
  private record Meters(Timer duration, Map<Integer, Counter> byCode) {}

  RequestMeters(MeterRegistry registry) {
    this.registry = registry;
    registry.gauge("apiserver.current.inflight.requests", Tags.of("request_kind", "readOnly"), readOnly);
    registry.gauge("apiserver.current.inflight.requests", Tags.of("request_kind", "mutating"), mutating);
  }

  /** A request starts: counted in flight unless long-running. */
  public void started(RequestLabels labels) {
    if (!labels.longRunning()) {
      (labels.readOnly() ? readOnly : mutating).incrementAndGet();
    }
  }

  /** The request that {@link #started} ended with this status after this many nanoseconds. */
  public void ended(RequestLabels labels, int code, long nanos) {
    if (!labels.longRunning()) {
      (labels.readOnly() ? readOnly : mutating).decrementAndGet();
    }
    Meters m = meters.get(labels);
    if (m == null) {
      m = meters.computeIfAbsent(labels, this::create);
    }
    m.duration().record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    Counter count = m.byCode().get(code);
    if (count == null) {
      count = m.byCode().computeIfAbsent(code, c -> Counter.builder("apiserver.request")
          .description("Counter of apiserver requests broken out for each verb, dry run value, group, version,"
              + " resource, scope, component, and HTTP response code.")
          .tags(tags(labels)).tag("code", Integer.toString(c)).register(registry));
    }
    count.increment();
  }

  private Meters create(RequestLabels labels) {
    Duration[] buckets = new Duration[BUCKETS.length];
    for (int i = 0; i < BUCKETS.length; i++) {
      buckets[i] = Duration.ofNanos((long) (BUCKETS[i] * 1e9));
    }
    Timer t = Timer.builder("apiserver.request.duration")
        .description("Response latency distribution in seconds for each verb, dry run value, group, version,"
            + " resource, subresource, scope and component.")
        .tags(tags(labels)).serviceLevelObjectives(buckets).register(registry);
    return new Meters(t, new ConcurrentHashMap<>());
  }

  private static Tags tags(RequestLabels l) {
    return Tags.of("verb", l.verb(), "dry_run", l.dryRun(), "group", l.group(), "version", l.version(),
        "resource", l.resource(), "subresource", l.subresource(), "scope", l.scope(), "component", COMPONENT);
  }
}
