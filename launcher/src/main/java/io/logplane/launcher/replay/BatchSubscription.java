package io.logplane.launcher.replay;

import io.logplane.events.Codec;
import io.logplane.events.LogEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's read of {@link DecodedBatches}: a thread that owns the source, keeps up to
 * a window of chunks decoding on the executor, and signals the subscriber serially from that
 * thread, in offset order, only on demand. It ends on cancel, on a failure (onError), or after
 * the last offset (onComplete).
 */
final class BatchSubscription implements Subscription, Runnable {

  private final Subscriber<? super List<LogEntry>> subscriber;
  private final Supplier<RawSource> sources;
  private final long from;
  private final long to;
  private final Executor decoders;
  private final int chunk;
  private final int window;
  private final Object lock = new Object();
  private final ArrayDeque<CompletableFuture<List<LogEntry>>> ahead = new ArrayDeque<>();
  private long demand; // guarded by lock
  private long next;
  private volatile boolean cancelled;
  private volatile Throwable failure;

  BatchSubscription(Subscriber<? super List<LogEntry>> subscriber, Supplier<RawSource> sources, long from, long to,
      Executor decoders, int chunk, int window) {
    this.subscriber = subscriber;
    this.sources = sources;
    this.from = from;
    this.to = to;
    this.decoders = decoders;
    this.chunk = chunk;
    this.window = window;
    this.next = from;
  }

  @Override
  public void request(long n) {
    synchronized (lock) {
      if (n <= 0) {
        failure = new IllegalArgumentException("rule 3.9: request(" + n + "), must be positive");
      } else {
        long sum = demand + n;
        demand = sum < 0 ? Long.MAX_VALUE : sum; // rule 3.17: saturate, do not overflow
      }
      lock.notifyAll();
    }
  }

  @Override
  public void cancel() {
    cancelled = true;
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  private boolean stopping() {
    return cancelled || failure != null;
  }

  @Override
  public void run() {
    Throwable error = null;
    boolean done = false;
    try (RawSource source = to < from || cancelled ? null : sources.get()) {
      while (!stopping()) {
        if (source != null) {
          readAhead(source);
        }
        if (ahead.isEmpty()) {
          done = next > to;
          break;
        }
        if (!awaitDemand() || !deliver(join(ahead.poll()))) {
          break;
        }
      }
    } catch (Throwable t) {
      error = t;
    } finally {
      ahead.forEach(f -> f.cancel(false));
    }
    Throwable f = failure != null ? failure : error;
    if (cancelled) {
      return;
    }
    try {
      if (f != null) {
        subscriber.onError(f);
      } else if (done) {
        subscriber.onComplete();
      }
    } catch (Throwable t) {
      LoggerFactory.getLogger(BatchSubscription.class).warn("subscriber threw from a terminal signal (rule 2.13)", t);
    }
  }

  /** Polls and starts decoding until the window is full, the last offset is read, or a poll comes back empty. */
  private void readAhead(RawSource source) {
    while (!stopping() && next <= to && ahead.size() < window) {
      List<RawSource.Raw> raws = source.poll();
      if (raws.isEmpty() && !ahead.isEmpty()) {
        return;
      }
      List<RawSource.Raw> part = new ArrayList<>(Math.min(chunk, raws.size()));
      for (RawSource.Raw r : raws) {
        if (r.offset() != next) {
          throw new IllegalStateException("the log skips from offset " + next + " to " + r.offset());
        }
        part.add(r);
        next++;
        if (part.size() == chunk || next > to) {
          decode(part);
          part = new ArrayList<>(chunk);
          if (next > to) {
            break;
          }
        }
      }
      if (!part.isEmpty()) {
        decode(part);
      }
    }
  }

  private void decode(List<RawSource.Raw> raws) {
    ahead.add(CompletableFuture.supplyAsync(() -> decodeAll(raws), decoders));
  }

  static List<LogEntry> decodeAll(List<RawSource.Raw> raws) {
    List<LogEntry> out = new ArrayList<>(raws.size());
    for (RawSource.Raw r : raws) {
      try {
        out.add(new LogEntry(r.offset(), Codec.decode(r.value())));
      } catch (RuntimeException e) {
        throw new IllegalStateException("undecodable record at offset " + r.offset() + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static List<LogEntry> join(CompletableFuture<List<LogEntry>> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Waits while there is no demand; false once the subscription is to stop. */
  private boolean awaitDemand() throws InterruptedException {
    synchronized (lock) {
      while (demand == 0 && !stopping()) {
        lock.wait();
      }
      if (stopping()) {
        return false;
      }
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      return true;
    }
  }

  private boolean deliver(List<LogEntry> batch) {
    try {
      subscriber.onNext(batch);
      return true;
    } catch (Throwable t) {
      // Rule 2.13: the subscription is considered cancelled; report it where it can be seen.
      LoggerFactory.getLogger(BatchSubscription.class).warn("subscriber threw from onNext; cancelled", t);
      cancelled = true;
      return false;
    }
  }
}
