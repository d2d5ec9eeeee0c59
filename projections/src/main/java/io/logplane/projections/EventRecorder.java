package io.logplane.projections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events about objects, as client-go's recorder with its correlator: the same
 * event again (same object, type, reason and message) within ten minutes raises the count and
 * lastTimestamp of the Event already written instead of writing another; each object may
 * spend 25 events at once, then one per five minutes, so a pod failing in a loop does not flood
 * the log. Writes are sent and not waited for; a lost one is logged, never retried.
 */
public final class EventRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final long REPEAT_WINDOW_MILLIS = 10 * 60_000;
  private static final int BURST = 25;
  private static final long REFILL_MILLIS = 5 * 60_000;
  private static final int REMEMBERED = 4096;

  private final ObjectWriter writer;
  private final String component;
  private final String host;
  private final Clock clock;
  /** An event written, and when it was first. */
  private record Seen(ObjectNode event, long firstMillis) {}

  private final Map<String, Seen> recent = lru();
  private final Map<String, double[]> buckets = lru();
  /** Makes names unique within a millisecond, as the nanoseconds of kube's names do. */
  private long sequence;

  /** @param host the node a kubelet's events come from, or null for a control-plane component */
  public EventRecorder(ObjectWriter writer, String component, String host, Clock clock) {
    this.writer = writer;
    this.component = component;
    this.host = host;
    this.clock = clock;
  }

  public void normal(JsonNode involved, String reason, String message) {
    record(involved, "Normal", reason, message);
  }

  public void warning(JsonNode involved, String reason, String message) {
    record(involved, "Warning", reason, message);
  }

  private synchronized void record(JsonNode involved, String type, String reason, String message) {
    long now = clock.millis();
    String uid = Metadata.uid(involved);
    String same = uid + "\n" + type + "\n" + reason + "\n" + message;
    Seen last = recent.get(same);
    if (last != null && now - last.firstMillis() < REPEAT_WINDOW_MILLIS) {
      ObjectNode next = last.event().deepCopy();
      next.put("count", next.path("count").asInt(1) + 1).put("lastTimestamp", Metadata.time(now));
      recent.put(same, new Seen(next, last.firstMillis()));
      send(same, next, false);
      return;
    }
    if (!allowed(uid, now)) {
      return;
    }
    String ns = Metadata.text(involved, "namespace");
    ObjectNode e = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Event");
    e.putObject("metadata").put("name", Metadata.text(involved, "name") + "." + Long.toHexString(now * 1_000_000
        + (sequence++ % 1_000_000))).put("namespace", ns == null || ns.isEmpty() ? "default" : ns);
    ObjectNode ref = e.putObject("involvedObject");
    ref.put("apiVersion", involved.path("apiVersion").asText()).put("kind", involved.path("kind").asText());
    if (ns != null && !ns.isEmpty()) {
      ref.put("namespace", ns);
    }
    ref.put("name", Metadata.text(involved, "name")).put("uid", uid)
        .put("resourceVersion", Metadata.text(involved, "resourceVersion"));
    e.put("reason", reason).put("message", message);
    ObjectNode source = e.putObject("source").put("component", component);
    if (host != null) {
      source.put("host", host);
    }
    e.put("firstTimestamp", Metadata.time(now)).put("lastTimestamp", Metadata.time(now)).put("count", 1)
        .put("type", type).put("reportingComponent", component).put("reportingInstance", host == null ? "" : host);
    recent.put(same, new Seen(e, now));
    send(same, e, true);
  }

  private void send(String same, ObjectNode event, boolean create) {
    Key key = new Key("core", "events", Metadata.text(event, "namespace"), Metadata.text(event, "name"));
    (create ? writer.create(key, event.deepCopy()) : writer.update(key, event.deepCopy())).whenComplete((ok, e) -> {
      if (e != null) {
        LOG.debug("event {} not recorded: {}", key, e.toString());
        synchronized (this) {
          recent.remove(same);
        }
      }
    });
  }

  /** Spends a token of the object's bucket, if it has one. */
  private boolean allowed(String uid, long now) {
    double[] b = buckets.computeIfAbsent(uid, k -> new double[] {BURST, now});
    b[0] = Math.min(BURST, b[0] + (now - b[1]) / (double) REFILL_MILLIS);
    b[1] = now;
    if (b[0] < 1) {
      return false;
    }
    b[0] -= 1;
    return true;
  }

  private static <V> Map<String, V> lru() {
    return new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > REMEMBERED;
      }
    };
  }
}
