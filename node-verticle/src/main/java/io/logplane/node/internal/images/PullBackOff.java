package io.logplane.node.internal.images;

import io.logplane.node.internal.runtime.ImageSource.ImageUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The kubelet's back-off between pulls of an image for one pod: after a failed pull, no new
 * pull for 10 s, doubling on each failure up to 5 minutes; an entry idle for twice that is
 * forgotten. A pod worker asks {@link #check} before resolving an image with a pull and calls
 * {@link #failed} when the pull failed. Not thread-safe: one pod worker's.
 */
public final class PullBackOff {

  static final Duration INITIAL = Duration.ofSeconds(10);
  static final Duration MAX = Duration.ofMinutes(5);

  private record Entry(Duration backOff, long lastUpdate) {}

  private final Clock clock;
  private final Map<String, Entry> entries = new HashMap<>();

  public PullBackOff(Clock clock) {
    this.clock = clock;
  }

  /**
   * Fails with {@code ImagePullBackOff} while a pull of {@code image} for {@code podUid} is
   * backing off.
   */
  public void check(String podUid, String image) throws ImageUnavailable {
    Entry e = entries.get(podUid + "_" + image);
    long now = clock.millis();
    if (e != null && !expired(e, now) && now - e.lastUpdate() < e.backOff().toMillis()) {
      throw new ImageUnavailable("ImagePullBackOff", "Back-off pulling image \"" + image + "\"", null);
    }
  }

  /** A pull of {@code image} for {@code podUid} failed: back off longer. */
  public void failed(String podUid, String image) {
    String key = podUid + "_" + image;
    long now = clock.millis();
    Entry e = entries.get(key);
    Duration next = e == null || expired(e, now) ? INITIAL
        : e.backOff().multipliedBy(2).compareTo(MAX) > 0 ? MAX : e.backOff().multipliedBy(2);
    entries.put(key, new Entry(next, now));
    entries.values().removeIf(old -> expired(old, now));
  }

  private static boolean expired(Entry e, long now) {
    return now - e.lastUpdate() > 2 * MAX.toMillis();
  }
}
