package io.logplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.kubeclient.ListWatch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The pod start latencies one watch of a namespace's pods sees: for each pod the bench created,
 * from the moment its create was sent to the first time the watch showed it in phase
 * {@code Running} (the kubelet's pod startup SLI, observed as a client does); and how many pods
 * exist, to time their deletion. Fed by a {@link ListWatch} (each list is the whole truth), read
 * from the scenario's thread; the clock is in nanoseconds.
 */
final class PodStarts implements ListWatch.Listener {
  private final LongSupplier clock;
  private final Map<String, Long> sent = new HashMap<>();
  private final Map<String, Long> running = new HashMap<>();
  private final Map<String, Boolean> pods = new HashMap<>();
  private boolean listed;

  PodStarts(LongSupplier clock) {
    this.clock = clock;
  }

  /** The create of pod {@code name} is sent now: its start counts from here. */
  synchronized void sent(String name) {
    sent.put(name, clock.getAsLong());
  }

  @Override
  public synchronized void listed(List<JsonNode> items) {
    pods.clear();
    items.forEach(p -> changed("ADDED", p));
    listed = true;
  }

  @Override
  public synchronized void changed(String type, JsonNode pod) {
    String name = pod.path("metadata").path("name").asText();
    if ("DELETED".equals(type)) {
      pods.remove(name);
      return;
    }
    pods.put(name, Boolean.TRUE);
    if ("Running".equals(pod.path("status").path("phase").asText())) {
      running.putIfAbsent(name, clock.getAsLong());
    }
  }

  synchronized boolean listed() {
    return listed;
  }

  /** The pods that exist now. */
  synchronized int pods() {
    return pods.size();
  }

  /** How many of the pods created were seen Running. */
  synchronized int running() {
    int n = 0;
    for (String name : sent.keySet()) {
      n += running.containsKey(name) ? 1 : 0;
    }
    return n;
  }

  /** Create sent → Running seen, of the pods created and seen Running. */
  synchronized Latencies latencies() {
    Latencies l = new Latencies();
    sent.forEach((name, at) -> {
      Long seen = running.get(name);
      if (seen != null) {
        l.record(seen - at);
      }
    });
    return l;
  }
}
