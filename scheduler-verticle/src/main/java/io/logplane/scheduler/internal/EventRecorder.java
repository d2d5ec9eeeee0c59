package io.logplane.scheduler.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Writes the scheduler's Events ({@code Scheduled}, {@code FailedScheduling}) as kube-scheduler's
 * recorder of the events.k8s.io API does: an {@code eventTime} to the microsecond, an action, the
 * reporting controller and instance, and no deprecated first and last timestamps, so that {@code
 * kubectl describe} lists a pod's Scheduled before what its node did in the same second. Within
 * limits so that thousands of pending pods do not flood
 * the log: one token bucket for all events, and a pod's FailedScheduling repeated with the same
 * message is written again only after {@link #REPEAT_MS}. Writes are not awaited; a lost event
 * costs nothing but the event.
 */
public final class EventRecorder {

  public static final String COMPONENT = "default-scheduler";
  /** kube-scheduler's reporting instance: its component name and host. */
  static final String INSTANCE = COMPONENT + "-" + host();
  public static final long REPEAT_MS = 5 * 60_000;

  private final ObjectWriter writer;
  private final LongSupplier clock;
  private final double burst;
  private final double perSecond;
  private double tokens;
  private long refilledAt;
  private long sequence;
  private long dropped;
  /** Pod key to its last FailedScheduling message and when it was written. */
  private final Map<String, Map.Entry<String, Long>> lastFailure = new HashMap<>();

  public EventRecorder(ObjectWriter writer, LongSupplier clock, int burst, double perSecond) {
    this.writer = writer;
    this.clock = clock;
    this.burst = burst;
    this.perSecond = perSecond;
    this.tokens = burst;
    this.refilledAt = clock.getAsLong();
  }

  public void scheduled(PodInfo pod, String node) {
    synchronized (this) {
      lastFailure.remove(pod.key);
    }
    record(pod, "Normal", "Scheduled", "Binding", "Successfully assigned " + pod.namespace + "/" + pod.name + " to " + node);
  }

  public void failed(PodInfo pod, String message) {
    long now = clock.getAsLong();
    synchronized (this) {
      Map.Entry<String, Long> last = lastFailure.get(pod.key);
      if (last != null && last.getKey().equals(message) && now - last.getValue() < REPEAT_MS) {
        return;
      }
      lastFailure.put(pod.key, Map.entry(message, now));
    }
    record(pod, "Warning", "FailedScheduling", "Scheduling", message);
  }

  /** A victim of preemption, deleted to make room on its node, as kube 1.28's wording (the preemptor unnamed). */
  public void preempted(PodInfo victim, String node) {
    record(victim, "Normal", "Preempted", "Preempting", "Preempted by a pod on node " + node);
  }

  public synchronized void forget(String podKey) {
    lastFailure.remove(podKey);
  }

  /** Events the rate limit dropped so far. */
  public synchronized long dropped() {
    return dropped;
  }

  private void record(PodInfo pod, String type, String reason, String action, String message) {
    long now = clock.getAsLong();
    String name;
    synchronized (this) {
      tokens = Math.min(burst, tokens + (now - refilledAt) * perSecond / 1000.0);
      refilledAt = now;
      if (tokens < 1) {
        dropped++;
        return;
      }
      tokens--;
      name = pod.name + "." + Long.toHexString(now * 1_000_000 + (sequence++ % 1_000_000));
    }
    ObjectNode e = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Event");
    e.putObject("metadata").put("name", name).put("namespace", pod.namespace);
    e.putObject("involvedObject").put("apiVersion", "v1").put("kind", "Pod").put("namespace", pod.namespace)
        .put("name", pod.name).put("uid", pod.uid).put("resourceVersion", Metadata.text(pod.pod, "resourceVersion"));
    e.put("reason", reason).put("message", message).put("type", type).put("action", action)
        .put("eventTime", Metadata.microTime(now)).putNull("firstTimestamp").putNull("lastTimestamp")
        .put("reportingComponent", COMPONENT).put("reportingInstance", INSTANCE);
    e.putObject("source");
    writer.create(new Key("core", "events", pod.namespace, name), e);
  }

  private static String host() {
    String name = System.getenv("HOSTNAME");
    if (name == null || name.isBlank()) {
      try {
        name = java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname")).strip();
      } catch (java.io.IOException | RuntimeException e) {
        name = "";
      }
    }
    return name.isBlank() ? "localhost" : name;
  }
}
