package io.logplane.projections.rebuild;

import io.logplane.events.LogEntry;
import io.logplane.projections.Applier;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Applies decoded batches to a store in the order they come, one batch of demand at a time (so
 * the publisher never decodes further ahead than its window), each committed while the next is
 * decided, and completes with the number of records applied once the last is committed. A
 * failure to apply cancels the subscription.
 */
public final class BatchApplier implements Subscriber<List<LogEntry>> {

  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private final Applier applier;
  private final java.util.function.LongConsumer progress;
  private final CompletableFuture<Long> done = new CompletableFuture<>();
  private Subscription subscription;
  private long applied;
  private long applyCpuNanos;

  /** @param progress hears the number of records applied so far */
  public BatchApplier(Applier applier, java.util.function.LongConsumer progress) {
    this.applier = applier;
    this.progress = progress;
  }

  /** CPU time the applying thread spent in apply(), in nanoseconds (read after done()). */
  public long applyCpuNanos() {
    return applyCpuNanos;
  }

  /** Completes with the number of records applied once the publisher completed. */
  public CompletableFuture<Long> done() {
    return done;
  }

  @Override
  public void onSubscribe(Subscription s) {
    subscription = s;
    s.request(1);
  }

  @Override
  public void onNext(List<LogEntry> batch) {
    long cpu0 = CPU.getCurrentThreadCpuTime();
    try {
      applier.submit(batch);
    } catch (RuntimeException e) {
      subscription.cancel();
      done.completeExceptionally(e);
      return;
    }
    applyCpuNanos += CPU.getCurrentThreadCpuTime() - cpu0;
    applied += batch.size();
    progress.accept(applied);
    subscription.request(1);
  }

  @Override
  public void onError(Throwable t) {
    done.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    try {
      applier.finish();
      done.complete(applied);
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
  }
}
