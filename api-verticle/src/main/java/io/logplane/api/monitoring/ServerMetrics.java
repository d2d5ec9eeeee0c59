package io.logplane.api.monitoring;

import io.logplane.api.ApiContext;
import io.logplane.api.rest.WatchEvents;
import io.logplane.projections.ObjectCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * The metrics of one API server process and their Prometheus text. Request and watch meters
 * are recorded as requests go; the figures that are states (objects stored, lags, the log's
 * size) are taken at each scrape, off the event loop.
 */
public final class ServerMetrics implements AutoCloseable {

  /** The content type of the Prometheus text format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final Duration[] APPEND_BUCKETS = seconds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
      0.25, 0.5, 1, 2.5, 5, 10);

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ApiContext api;
  private final Clock clock;
  private final RequestMeters requests;
  private final Map<String, IntConsumer> watchEvents = new ConcurrentHashMap<>();
  private final MultiGauge storageObjects;
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private volatile double lagRecords;
  private volatile double lagSeconds;
  private volatile double logSize = Double.NaN;

  /** Metrics without a changelog. */
  public ServerMetrics(ApiContext api) {
    this(api, null, Clock.systemUTC());
  }

  /**
   * @param changelogLag the records the store applied that its changelog has not acknowledged,
   *     or null for a server without a changelog
   */
  public ServerMetrics(ApiContext api, LongSupplier changelogLag, Clock clock) {
    this.api = api;
    this.clock = clock;
    this.requests = new RequestMeters(registry);
    this.storageObjects = MultiGauge.builder("apiserver.storage.objects")
        .description("Number of stored objects at the time of last check split by kind.").register(registry);
    Timer append = Timer.builder("logplane.log.append.duration")
        .description("Round trip of an append to the log, from the call to the acknowledgement of every in-sync"
            + " replica.")
        .serviceLevelObjectives(APPEND_BUCKETS).register(registry);
    api.log().onAppendTimed(nanos -> append.record(nanos, TimeUnit.NANOSECONDS));
    Gauge.builder("logplane.projection.lag.records", this, m -> m.lagRecords)
        .description("Records in the log that the projection has not applied yet.").register(registry);
    Gauge.builder("logplane.projection.lag.seconds", this, m -> m.lagSeconds)
        .description("How long the oldest record the projection holds unapplied has waited since its request.")
        .register(registry);
    Gauge.builder("logplane.log.size.bytes", this, m -> m.logSize)
        .description("Bytes the log's partition takes on disk (one replica).").register(registry);
    if (changelogLag != null) {
      Gauge.builder("logplane.changelog.lag.records", changelogLag, LongSupplier::getAsLong)
          .description("Records the store applied whose change sets the changelog has not acknowledged.")
          .strongReference(true).register(registry);
    }
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  /** The request meters the dispatcher records into. */
  public RequestMeters requests() {
    return requests;
  }

  /** The watch event counters, one per group, version and kind. */
  public WatchEvents watchEvents() {
    return type -> watchEvents.computeIfAbsent(type.apiVersion() + "/" + type.kind(), k -> {
      Counter c = Counter.builder("apiserver.watch.events")
          .description("Number of events sent in watch clients")
          .tags(Tags.of("group", type.group(), "version", type.version(), "kind", type.kind())).register(registry);
      return c::increment;
    });
  }

  /**
   * The metrics in the Prometheus text format, the stored objects and lags taken now. Blocks:
   * call it off the event loop.
   */
  public String scrape() {
    storageObjects.register(ObjectCounts.perResource(api.projection().store()).entrySet().stream()
        .map(e -> MultiGauge.Row.of(Tags.of("resource", e.getKey()), e.getValue())).toList(), true);
    long applied = api.projection().appliedOffset();
    try {
      long end = api.log().endOffset().get(10, TimeUnit.SECONDS);
      lagRecords = Math.max(0, end - 1 - applied);
    } catch (Exception e) {
      lagRecords = Double.NaN;
    }
    long waiting = api.projection().oldestWaitingRecordMillis();
    lagSeconds = waiting < 0 ? 0 : Math.max(0, clock.millis() - waiting) / 1000.0;
    try {
      logSize = api.log().sizeBytes().get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      logSize = Double.NaN;
    }
    return registry.scrape();
  }

  @Override
  public void close() {
    api.log().onAppendTimed(null);
    gc.close();
    registry.close();
  }

  private static Duration[] seconds(double... values) {
    Duration[] out = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Duration.ofNanos((long) (values[i] * 1e9));
    }
    return out;
  }
}
