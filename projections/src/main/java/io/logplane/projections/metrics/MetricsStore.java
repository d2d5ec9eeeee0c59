package io.logplane.projections.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The latest {@code NodeMetrics} and {@code PodMetrics} reported, by object. A report replaces the
 * one before it; one not refreshed within {@link #EXPIRY} is gone, as metrics-server forgets a
 * node it could not scrape (a node agent reports every 15 s, so three reports may be missed
 * before its figures disappear). Thread-safe: the API's event loops put, the controllers read.
 */
public final class MetricsStore {

  /** How long a report is served without being refreshed. */
  public static final Duration EXPIRY = Duration.ofSeconds(45);

  private record Entry(ObjectNode metrics, Instant received) {}

  private final Clock clock;
  private final ConcurrentSkipListMap<String, Entry> entries = new ConcurrentSkipListMap<>();

  public MetricsStore(Clock clock) {
    this.clock = clock;
  }

  /** Keeps the report of a node (a {@code NodeMetrics}), replacing the one before. */
  public void putNode(String name, ObjectNode metrics) {
    entries.put(nodeKey(name), new Entry(metrics.deepCopy(), clock.instant()));
  }

  /** Keeps the report of a pod (a {@code PodMetrics}), replacing the one before. */
  public void putPod(String namespace, String name, ObjectNode metrics) {
    entries.put(podKey(namespace, name), new Entry(metrics.deepCopy(), clock.instant()));
  }

  /** The latest report of that node, or null when none is fresh. */
  public ObjectNode node(String name) {
    return fresh(nodeKey(name));
  }

  /** The latest report of that pod, or null when none is fresh. */
  public ObjectNode pod(String namespace, String name) {
    return fresh(podKey(namespace, name));
  }

  /** Every fresh node report, by name. */
  public List<ObjectNode> nodes() {
    return under("nodes/");
  }

  /** Every fresh pod report of a namespace (null: of all), by namespace and name. */
  public List<ObjectNode> pods(String namespace) {
    return under(namespace == null ? "pods/" : "pods/" + namespace + "/");
  }

  private ObjectNode fresh(String key) {
    Entry e = entries.get(key);
    if (e == null) {
      return null;
    }
    if (expired(e, clock.instant())) {
      entries.remove(key, e);
      return null;
    }
    return e.metrics().deepCopy();
  }

  private List<ObjectNode> under(String prefix) {
    Instant now = clock.instant();
    List<ObjectNode> found = new ArrayList<>();
    for (Map.Entry<String, Entry> e : entries.tailMap(prefix).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      if (expired(e.getValue(), now)) {
        entries.remove(e.getKey(), e.getValue());
      } else {
        found.add(e.getValue().metrics().deepCopy());
      }
    }
    return found;
  }

  private static boolean expired(Entry e, Instant now) {
    return now.isAfter(e.received().plus(EXPIRY));
  }

  private static String nodeKey(String name) {
    return "nodes/" + name;
  }

  private static String podKey(String namespace, String name) {
    return "pods/" + namespace + "/" + name;
  }
}
