package io.logplane.projections.rebuild;

import io.logplane.events.LogEntry;
import io.logplane.events.SourceSubscription;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;

/**
 * The records of the log from one offset to another (both included), decoded, as a cold
 * Reactive Streams publisher of batches in offset order that completes after the last one.
 * Each subscription reads with its own source on its own thread and decodes chunks on the
 * given executor, several chunks ahead of the subscriber (a bounded window, whatever the
 * demand), and emits them in order, one batch per unit of demand.
 */
public final class DecodedBatches implements Publisher<List<LogEntry>> {

  private final Supplier<RawSource> sources;
  private final long from;
  private final long to;
  private final Executor decoders;
  private final int chunk;
  private final int window;

  /**
   * @param sources  opens a source positioned at {@code from}, once per subscription
   * @param to       the last offset to emit; {@code to < from} emits nothing
   * @param chunk    records per batch (the last batch may be shorter)
   * @param window   batches decoded ahead at most
   */
  public DecodedBatches(Supplier<RawSource> sources, long from, long to, Executor decoders, int chunk, int window) {
    if (chunk <= 0 || window <= 0) {
      throw new IllegalArgumentException("chunk and window must be positive");
    }
    this.sources = sources;
    this.from = from;
    this.to = to;
    this.decoders = decoders;
    this.chunk = chunk;
    this.window = window;
  }

  @Override
  public void subscribe(Subscriber<? super List<LogEntry>> subscriber) {
    SourceSubscription.start(subscriber,
        () -> new BatchSource(to < from ? null : sources.get(), from, to, decoders, chunk, window),
        "logplane-rebuild-read");
  }
}
