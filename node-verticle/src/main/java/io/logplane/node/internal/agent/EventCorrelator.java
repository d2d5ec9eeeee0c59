package io.logplane.node.internal.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an {@link EventRecorder} writes of each event, decided as client-go's EventCorrelator
 * decides: the same event again (same source, object, field, type, reason and message) is the
 * Event already written, counted once more; and each source and object may spend {@value #BURST}
 * events at once, then one per five minutes. A repeat held back by that still counts, so the
 * next write carries the whole count. The {@value #REMEMBERED} events and objects seen last are
 * remembered.
 */
final class EventCorrelator {
  static final int BURST = 25;
  static final long REFILL_MILLIS = 5 * 60_000;
  static final int REMEMBERED = 4096;

  /**
   * An event to write: its count so far, and the name and firstTimestamp of the Event written
   * for the first of them (count 1: this one's own).
   */
  record Seen(String name, int count, String firstTimestamp) {}

  private final Map<String, Seen> events = lru();
  /** Per source and object: the tokens left, and when they were last counted. */
  private final Map<String, double[]> budgets = lru();

  /** Event {@code e}, happening at {@code millis}: how to write it, or null to write nothing now. */
  Seen observe(JsonNode e, long millis) {
    String object = String.join("\n", text(e, "/source/component"), text(e, "/source/host"),
        text(e, "/involvedObject/kind"), text(e, "/involvedObject/namespace"), text(e, "/involvedObject/name"),
        text(e, "/involvedObject/uid"), text(e, "/involvedObject/apiVersion"));
    String same = String.join("\n", object, text(e, "/involvedObject/fieldPath"), text(e, "/type"),
        text(e, "/reason"), text(e, "/message"));
    Seen before = events.get(same);
    Seen now = before == null ? new Seen(text(e, "/metadata/name"), 1, text(e, "/firstTimestamp"))
        : new Seen(before.name(), before.count() + 1, before.firstTimestamp());
    events.put(same, now);
    return spend(object, millis) ? now : null;
  }

  private boolean spend(String object, long millis) {
    double[] b = budgets.computeIfAbsent(object, k -> new double[] {BURST, millis});
    b[0] = Math.min(BURST, b[0] + Math.max(0, millis - (long) b[1]) / (double) REFILL_MILLIS);
    b[1] = millis;
    if (b[0] < 1) {
      return false;
    }
    b[0]--;
    return true;
  }

  private static String text(JsonNode e, String pointer) {
    return e.at(pointer).asText();
  }

  private static <V> Map<String, V> lru() {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > REMEMBERED;
      }
    };
  }
}
