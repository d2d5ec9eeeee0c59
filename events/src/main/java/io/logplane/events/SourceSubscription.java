package io.logplane.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Supplier;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Reactive Streams subscription served by a thread of its own that pulls from a {@link Source}:
 * the one way the log's records are pushed to a subscriber (following the live log, reading a
 * range of it for a rebuild). The thread opens the source, lets it work ahead of demand, pulls
 * only while there is unmet demand, and signals the subscriber serially, in order. It ends,
 * closing the source, on cancel, on a failure (onError), or when the source is exhausted
 * (onComplete).
 *
 * @param <T> what is emitted
 */
public final class SourceSubscription<T> implements Subscription, Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(SourceSubscription.class);

  /** What the subscription's thread pulls from. Used by that thread only, except {@link #wake}. */
  public interface Source<T> extends AutoCloseable {

    /** Work done before waiting for demand (reading and decoding ahead); may block briefly. */
    default void prepare() throws Exception {}

    /** Whether nothing more will ever come: the subscription then completes. */
    boolean exhausted();

    /** The next item, pulled when there is demand; null when none came in a short wait. */
    T next() throws Exception;

    /** Interrupts a blocked {@link #prepare} or {@link #next}; called from another thread. */
    default void wake() {}

    @Override
    void close();
  }

  private final Subscriber<? super T> subscriber;
  private final Supplier<? extends Source<T>> sources;
  private final Collection<SourceSubscription<T>> live;
  private final Object lock = new Object();
  private long demand; // guarded by lock
  private volatile boolean cancelled;
  private volatile Throwable failure;
  private volatile Source<T> source;

  private SourceSubscription(Subscriber<? super T> subscriber, Supplier<? extends Source<T>> sources,
      Collection<SourceSubscription<T>> live) {
    this.subscriber = subscriber;
    this.sources = sources;
    this.live = live;
  }

  /** {@link #start(Subscriber, Supplier, String, Collection)} kept in no collection. */
  public static <T> SourceSubscription<T> start(Subscriber<? super T> subscriber,
      Supplier<? extends Source<T>> sources, String threadName) {
    return start(subscriber, sources, threadName, new ArrayList<>(1));
  }

  /**
   * Subscribes {@code subscriber}: calls its onSubscribe, then starts the thread, so onSubscribe
   * happens-before every other signal.
   *
   * @param sources opens the source, on the subscription's thread
   * @param live    holds the subscription from before onSubscribe until it ended, however it
   *                ended (so an owner can {@link #fail} the live ones when it closes); a
   *                concurrent collection when several threads share it
   */
  public static <T> SourceSubscription<T> start(Subscriber<? super T> subscriber,
      Supplier<? extends Source<T>> sources, String threadName, Collection<SourceSubscription<T>> live) {
    Objects.requireNonNull(subscriber, "subscriber"); // rule 1.9
    SourceSubscription<T> s = new SourceSubscription<>(subscriber, sources, live);
    live.add(s);
    subscriber.onSubscribe(s);
    Thread t = new Thread(s, threadName);
    t.setDaemon(true);
    t.start();
    return s;
  }

  @Override
  public void request(long n) {
    if (n <= 0) {
      fail(new IllegalArgumentException("rule 3.9: request(" + n + "), must be positive"));
      return;
    }
    synchronized (lock) {
      long sum = demand + n;
      demand = sum < 0 ? Long.MAX_VALUE : sum; // rule 3.17: saturate, do not overflow
      lock.notifyAll();
    }
  }

  @Override
  public void cancel() {
    cancelled = true;
    wake();
  }

  /** Ends the subscription with onError({@code cause}) unless it already ended. */
  public void fail(Throwable cause) {
    if (failure == null) {
      failure = cause;
    }
    wake();
  }

  private void wake() {
    synchronized (lock) {
      lock.notifyAll();
    }
    Source<T> s = source;
    if (s != null) {
      s.wake();
    }
  }

  private boolean stopping() {
    return cancelled || failure != null;
  }

  @Override
  public void run() {
    Throwable error = null;
    boolean done = false;
    try {
      if (!cancelled) { // cancelled from onSubscribe: no need to open the source at all
        try (Source<T> s = sources.get()) {
          source = s;
          done = pump(s);
        }
      }
    } catch (Throwable t) {
      error = t;
    } finally {
      source = null;
      live.remove(this);
    }
    if (cancelled) {
      return;
    }
    Throwable f = failure != null ? failure : error;
    try {
      if (f != null) {
        subscriber.onError(f);
      } else if (done) {
        subscriber.onComplete();
      }
    } catch (Throwable t) {
      LOG.warn("subscriber threw from a terminal signal (rule 2.13)", t);
    }
  }

  /** Moves items from the source to the subscriber; true when the source was exhausted. */
  private boolean pump(Source<T> s) throws Exception {
    while (!stopping()) {
      s.prepare();
      if (stopping()) {
        return false;
      }
      if (s.exhausted()) {
        return true;
      }
      if (!awaitDemand()) {
        return false;
      }
      T item = s.next();
      if (item != null && !deliver(item)) {
        return false;
      }
    }
    return false;
  }

  /** Waits while there is no demand; false once the subscription is to stop. */
  private boolean awaitDemand() throws InterruptedException {
    synchronized (lock) {
      while (demand == 0 && !stopping()) {
        lock.wait();
      }
      return !stopping();
    }
  }

  private boolean deliver(T item) {
    synchronized (lock) {
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
    }
    try {
      subscriber.onNext(item);
      return true;
    } catch (Throwable t) {
      // Rule 2.13: the subscription is considered cancelled; report it where it can be seen.
      LOG.warn("subscriber threw from onNext (rule 2.13); subscription cancelled", t);
      cancelled = true;
      return false;
    }
  }
}
