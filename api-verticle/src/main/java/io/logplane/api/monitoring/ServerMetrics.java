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
import java.util.List;
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
  /** Takes APF's per-level gauges at a scrape; nothing without APF. */
  private volatile Runnable flowLevels = () -> { };

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

  /**
   * API Priority and Fairness's figures, kube's names: per priority level the requests executing
   * and waiting in its queues and its nominal seats (taken at each scrape), and the requests
   * dispatched and rejected by FlowSchema and level (rejections by reason).
   */
  public void flowControl(io.logplane.api.flowcontrol.FlowControlFilter filter) {
    io.logplane.api.flowcontrol.FlowControl flow = filter.flowControl();
    MultiGauge executing = MultiGauge.builder("apiserver.flowcontrol.current.executing.requests")
        .description("Number of requests in initial (for a WATCH) or any (for a non-WATCH) execution stage in the API"
            + " Priority and Fairness subsystem").register(registry);
    MultiGauge waiting = MultiGauge.builder("apiserver.flowcontrol.current.inqueue.requests")
        .description("Number of requests currently pending in queues of the API Priority and Fairness subsystem")
        .register(registry);
    MultiGauge seats = MultiGauge.builder("apiserver.flowcontrol.nominal.limit.seats")
        .description("Nominal number of execution seats configured for each priority level").register(registry);
    flowLevels = () -> {
      List<MultiGauge.Row<?>> run = new java.util.ArrayList<>();
      List<MultiGauge.Row<?>> queued = new java.util.ArrayList<>();
      List<MultiGauge.Row<?>> nominal = new java.util.ArrayList<>();
      for (var level : flow.priorityLevels().all()) {
        Tags tags = Tags.of("priority_level", level.name());
        run.add(MultiGauge.Row.of(tags, flow.executing(level.name())));
        queued.add(MultiGauge.Row.of(tags, flow.waiting(level.name())));
        nominal.add(MultiGauge.Row.of(tags, level.exempt() ? 0 : level.concurrencyLimit()));
      }
      executing.register(run, true);
      waiting.register(queued, true);
      seats.register(nominal, true);
    };
    filter.countInto(new io.logplane.api.flowcontrol.FlowControlFilter.Outcomes() {
      private final Map<String, Counter> dispatched = new ConcurrentHashMap<>();

      @Override
      public void dispatched(String flowSchema, String priorityLevel) {
        dispatched.computeIfAbsent(flowSchema + "\n" + priorityLevel, k ->
            Counter.builder("apiserver.flowcontrol.dispatched.requests")
                .description("Number of requests executed by API Priority and Fairness subsystem")
                .tags("flow_schema", flowSchema, "priority_level", priorityLevel).register(registry)).increment();
      }

      @Override
      public void rejected(String flowSchema, String priorityLevel, String reason) {
        Counter.builder("apiserver.flowcontrol.rejected.requests")
            .description("Number of requests rejected by API Priority and Fairness subsystem")
            .tags("flow_schema", flowSchema, "priority_level", priorityLevel, "reason", reason).register(registry)
            .increment();
      }
    });
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
    flowLevels.run();
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
