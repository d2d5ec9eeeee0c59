package io.logplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.kubeclient.ListWatch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What one watch of a namespace's pods has seen: how many pods exist, how many are bound
 * ({@code spec.nodeName} set) and Ready, and when (on the given clock, in nanoseconds) the
 * first and the latest bind were seen and each count first reached the target. Fed by a
 * {@link ListWatch} (each list is the whole truth), read from the scenario's thread.
 */
final class PodTally implements ListWatch.Listener {
  private static final int BOUND = 1;
  private static final int READY = 2;
  private static final long NEVER = -1;

  /** The counts and marks at one moment; a mark is {@code -1} until it happened. */
  record Snapshot(boolean listed, int pods, int bound, int ready, long firstBind, long lastBind,
      long allCreated, long allBound, long allReady) {}

  private final int target;
  private final LongSupplier clock;
  private final Map<String, Integer> pods = new HashMap<>();
  private boolean listed;
  private int bound;
  private int ready;
  private long firstBind = NEVER;
  private long lastBind = NEVER;
  private long allCreated = NEVER;
  private long allBound = NEVER;
  private long allReady = NEVER;

  /** @param target the count at which a count's mark is set */
  PodTally(int target, LongSupplier clock) {
    this.target = target;
    this.clock = clock;
  }

  @Override
  public synchronized void listed(List<JsonNode> items) {
    long now = clock.getAsLong();
    Map<String, Integer> before = new HashMap<>(pods);
    pods.clear();
    bound = 0;
    ready = 0;
    for (JsonNode pod : items) {
      String name = pod.path("metadata").path("name").asText();
      put(name, before.getOrDefault(name, 0), flags(pod), now);
    }
    listed = true;
    marks(now);
  }

  @Override
  public synchronized void changed(String type, JsonNode pod) {
    long now = clock.getAsLong();
    String name = pod.path("metadata").path("name").asText();
    Integer was = pods.remove(name);
    if (was != null) {
      bound -= was & BOUND;
      ready -= (was & READY) >> 1;
    }
    if (!"DELETED".equals(type)) {
      put(name, was == null ? 0 : was, flags(pod), now);
    }
    marks(now);
  }

  synchronized Snapshot snapshot() {
    return new Snapshot(listed, pods.size(), bound, ready, firstBind, lastBind, allCreated,
        allBound, allReady);
  }

  private void put(String name, int was, int flags, long now) {
    pods.put(name, flags);
    bound += flags & BOUND;
    ready += (flags & READY) >> 1;
    if ((flags & BOUND) != 0 && (was & BOUND) == 0) {
      lastBind = now;
      if (firstBind == NEVER) {
        firstBind = now;
      }
    }
  }

  private void marks(long now) {
    if (allCreated == NEVER && pods.size() >= target) {
      allCreated = now;
    }
    if (allBound == NEVER && bound >= target) {
      allBound = now;
    }
    if (allReady == NEVER && ready >= target) {
      allReady = now;
    }
  }

  private static int flags(JsonNode pod) {
    int flags = pod.path("spec").path("nodeName").asText("").isEmpty() ? 0 : BOUND;
    for (JsonNode c : pod.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
        flags |= READY;
      }
    }
    return flags;
  }
}
