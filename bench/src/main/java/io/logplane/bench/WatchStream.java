package io.logplane.bench;

import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** One watch's line subscriber: times each ADDED event of a pod bench created. */
final class WatchStream implements Flow.Subscriber<String> {

  /** What all watchers of a run record into. */
  record Shared(Map<String, Long> sentAt, Latencies latencies, Errors errors,
      LongAdder receivedCount, LongAdder bookmarkCount, AtomicLong lastReceiveNanos) {
    Shared(Map<String, Long> sentAt, Latencies latencies, Errors errors) {
      this(sentAt, latencies, errors, new LongAdder(), new LongAdder(), new AtomicLong());
    }

    long received() {
      return receivedCount.sum();
    }

    long bookmarks() {
      return bookmarkCount.sum();
    }

    long lastReceive() {
      return lastReceiveNanos.get();
    }
  }

  private final Shared shared;
  private volatile Flow.Subscription subscription;
  private volatile boolean cancelled;

  WatchStream(Shared shared) {
    this.shared = shared;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (cancelled) {
      s.cancel();
    } else {
      s.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(String line) {
    long now = System.nanoTime();
    if (line.isBlank()) {
      return;
    }
    try {
      WatchEvent event = WatchEvent.parse(line);
      switch (event.type()) {
        case "ADDED" -> {
          Long sent = shared.sentAt().get(event.name());
          if (sent != null) {
            shared.latencies().record(now - sent);
            shared.receivedCount().increment();
            shared.lastReceiveNanos().accumulateAndGet(now, Math::max);
          }
        }
        case "BOOKMARK" -> shared.bookmarkCount().increment();
        case "ERROR" -> shared.errors().add("watch ERROR event", event.message());
        default -> { }
      }
    } catch (java.io.IOException e) {
      shared.errors().add("watch bad line", e.getMessage());
    }
  }

  @Override
  public void onError(Throwable t) {
    if (!cancelled) {
      shared.errors().failure(t);
    }
  }

  @Override
  public void onComplete() {
    if (!cancelled) {
      shared.errors().add("watch closed early", "the server ended a watch before the test did");
    }
  }

  void cancel() {
    cancelled = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }
}
