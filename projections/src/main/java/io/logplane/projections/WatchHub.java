package io.logplane.projections;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Streams applied events to watchers. Recent events come from a bounded ring in memory; a
 * watcher starting further back is first fed from the store's event history, so a watch can
 * resume from any resourceVersion the store holds. Listeners are called on the thread that
 * applied the batch, under the projection's lock: the projection thread, or the log client's I/O
 * thread when it applied a lone write itself (during catch-up, the subscribing thread). They
 * must not block: applying waits for them, and on the I/O thread so do the log's
 * acknowledgements. Live listeners get the events with the trees the projection parsed; the
 * ring keeps their JSON only, up to a count and a size.
 */
public final class WatchHub {

  private static final int CATCH_UP_CHUNK = 10_000;
  /** The most ring events a new watcher is shown under the lock, once it has caught up. */
  static final int LOCKED_TAIL = 256;
  /**
   * JSON the ring holds at most. Every event in it outlives a young collection or two, so a ring
   * bounded by its count only, full of large objects, made each young pause copy much of it and
   * kept the old generation churning. What falls out of the ring is read from the store's event
   * history.
   */
  static final long RING_BYTES = 8L << 20;

  /** Receives events in offset order, then the applied offset they bring the watcher to. */
  public interface Listener {
    void onEvents(List<Event> events, long appliedOffset);
  }

  /** A registered watcher; cancel it when the watch ends. */
  public interface Subscription {
    void cancel();
  }

  private final Store store;
  private final int capacity;
  private final int catchUpChunk;
  private final ArrayDeque<Event> ring;
  private long ringBytes;
  private final List<Sub> subs = new CopyOnWriteArrayList<>();
  private volatile long applied;

  public WatchHub(Store store, int capacity) {
    this(store, capacity, CATCH_UP_CHUNK);
  }

  /** With the events read from the store at a time during a catch-up. */
  WatchHub(Store store, int capacity, int catchUpChunk) {
    this.store = store;
    this.capacity = capacity;
    this.catchUpChunk = catchUpChunk;
    this.ring = new ArrayDeque<>(Math.min(capacity, 4096));
    this.applied = store.appliedOffset();
  }

  public long appliedOffset() {
    return applied;
  }

  /** Called by the projection after the batch is committed to the store. */
  public synchronized void publish(List<Event> events, long appliedOffset) {
    for (Event e : events) {
      Event kept = e.compact();
      ring.addLast(kept);
      ringBytes += size(kept);
      while (ring.size() > capacity || ringBytes > RING_BYTES && ring.size() > 1) {
        Event gone = ring.removeFirst();
        ringBytes -= size(gone);
        // An offset's events (a cascade) leave together: a watcher resuming from the offset
        // before finds them all in the ring or all in the store, never half in each.
        while (!ring.isEmpty() && ring.peekFirst().offset() == gone.offset()) {
          ringBytes -= size(ring.removeFirst());
        }
      }
    }
    applied = appliedOffset;
    for (Sub s : subs) {
      s.deliver(events, appliedOffset);
    }
  }

  /**
   * Returns once no batch is being delivered: every subscriber has had each batch published
   * before the call. A batch is delivered under the hub's lock, so taking it is the wait.
   */
  public void awaitDelivered() {
    synchronized (this) {
      // held once no delivery holds it: nothing more to do
    }
  }

  /** Subscribes to events with offset > fromExclusive that pass the filter. */
  public Subscription subscribe(long fromExclusive, Predicate<Event> filter, Listener listener) {
    return view(fromExclusive, e -> filter.test(e) ? e : null, listener);
  }

  /**
   * Subscribes to events with offset > fromExclusive as the view shows them: the event itself,
   * another in its place (a selector watch's ADDED for an object that starts to match), or null
   * for none. The view runs on the thread that delivers: the subscribing one for the backlog
   * (the last few ring events under the hub's lock), the applying one for live events, under the
   * lock: it must be quick when the event is fresh.
   */
  public Subscription view(long fromExclusive, Function<Event, Event> view, Listener listener) {
    Sub sub = new Sub(view, listener);
    long upTo = fromExclusive;
    long target = applied;
    while (upTo < target && !inRing(upTo)) {
      List<Event> chunk = store.events(upTo, target, catchUpChunk);
      if (chunk.isEmpty()) {
        upTo = target;
        break;
      }
      long last = chunk.get(chunk.size() - 1).offset();
      if (chunk.size() == catchUpChunk) {
        // A full chunk may end inside an offset's events (a cascade): take that offset whole.
        chunk = new ArrayList<>(chunk);
        chunk.removeIf(e -> e.offset() == last);
        chunk.addAll(store.events(last - 1, last, Integer.MAX_VALUE));
      }
      upTo = last;
      sub.deliver(chunk, upTo);
    }
    // The ring's events after upTo are copied and seen outside the lock until what is left is a
    // short tail: a view may read the store for each event (a selector watch, the object before
    // a change), and publishing must not wait for a long backlog of those.
    while (true) {
      List<Event> copy;
      long at;
      synchronized (this) {
        copy = inRing(upTo) ? after(upTo) : List.of();
        at = applied;
      }
      if (copy.size() <= LOCKED_TAIL) {
        break;
      }
      sub.deliver(copy, at);
      upTo = at;
    }
    synchronized (this) {
      List<Event> backlog = new ArrayList<>();
      if (!inRing(upTo) && upTo < applied) {
        long ringStart = ring.isEmpty() ? applied + 1 : ring.peekFirst().offset();
        backlog.addAll(store.events(upTo, ringStart - 1, Integer.MAX_VALUE));
      }
      backlog.addAll(after(upTo));
      sub.deliver(backlog, applied);
      subs.add(sub);
    }
    return () -> subs.remove(sub);
  }

  /** The ring's events with offset > offset, in order; under the lock. */
  private List<Event> after(long offset) {
    List<Event> out = new ArrayList<>();
    for (var it = ring.descendingIterator(); it.hasNext(); ) {
      Event e = it.next();
      if (e.offset() <= offset) {
        break;
      }
      out.add(e);
    }
    java.util.Collections.reverse(out);
    return out;
  }

  private static long size(Event e) {
    return e.json() == null ? 0 : e.json().length;
  }

  /** True when every event after offset is in the ring. */
  private boolean inRing(long offset) {
    Event first;
    synchronized (this) {
      first = ring.peekFirst();
    }
    return first != null ? first.offset() <= offset + 1 : offset >= applied;
  }

  private static final class Sub {
    final Function<Event, Event> view;
    final Listener listener;

    Sub(Function<Event, Event> view, Listener listener) {
      this.view = view;
      this.listener = listener;
    }

    void deliver(List<Event> events, long appliedOffset) {
      List<Event> matching = new ArrayList<>();
      for (Event e : events) {
        Event seen = view.apply(e);
        if (seen != null) {
          matching.add(seen);
        }
      }
      listener.onEvents(matching, appliedOffset);
    }
  }
}
