package io.logplane.node.internal.real;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * client-go's {@code flowcontrol.Backoff} as the kubelet uses it for restarts and image pulls:
 * per key, 10 s doubling to 5 minutes; a key left alone for twice the maximum starts again at
 * 10 s. No jitter (the kubelet sets none). Time is given, never read. Thread-safe.
 */
public final class CrashBackoff {
  public static final Duration INITIAL = Duration.ofSeconds(10);
  public static final Duration MAX = Duration.ofMinutes(5);

  private record Entry(Duration backoff, Instant lastUpdate) {}

  private final Map<String, Entry> entries = new HashMap<>();

  /** Whether {@code key}, whose event (a container's end) was at {@code eventTime}, waits still. */
  public synchronized boolean inBackOffSince(String key, Instant eventTime, Instant now) {
    Entry e = entries.get(key);
    if (e == null || expired(eventTime, e.lastUpdate)) {
      return false;
    }
    return Duration.between(eventTime, now).compareTo(e.backoff) < 0;
  }

  /** Whether {@code key} waits still, counted from its last {@link #next}. */
  public synchronized boolean inBackOffSinceUpdate(String key, Instant now) {
    Entry e = entries.get(key);
    if (e == null || expired(now, e.lastUpdate)) {
      return false;
    }
    return Duration.between(e.lastUpdate, now).compareTo(e.backoff) < 0;
  }

  /** Records a try at {@code now}: the wait grows (or starts at 10 s again when it expired). */
  public synchronized void next(String key, Instant eventTime, Instant now) {
    Entry e = entries.get(key);
    Duration backoff = e == null || expired(eventTime, e.lastUpdate) ? INITIAL
        : min(e.backoff.multipliedBy(2), MAX);
    entries.put(key, new Entry(backoff, now));
  }

  /** The current wait of {@code key}; zero when it has none. */
  public synchronized Duration get(String key) {
    Entry e = entries.get(key);
    return e == null ? Duration.ZERO : e.backoff;
  }

  /** Drops the keys that start with {@code prefix} (a pod that left the node). */
  public synchronized void forget(String prefix) {
    entries.keySet().removeIf(k -> k.startsWith(prefix));
  }

  private static boolean expired(Instant eventTime, Instant lastUpdate) {
    return Duration.between(lastUpdate, eventTime).compareTo(MAX.multipliedBy(2)) > 0;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** A duration as Go's {@code time.Duration.String} prints whole seconds: 10s, 1m20s, 5m0s. */
  public static String goString(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    long h = s / 3600;
    String ms = (s % 3600) / 60 + "m" + s % 60 + "s";
    return h > 0 ? h + "h" + ms : ms;
  }
}
