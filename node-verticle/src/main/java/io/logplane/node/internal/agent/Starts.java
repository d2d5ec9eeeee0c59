package io.logplane.node.internal.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The Events of a written status: Pulled, Created and Started for each container it shows
 * running in a run the status before did not, Killing for each it shows stopped by the
 * pod's deletion.
 */
final class Starts {
  private Starts() {}

  static void announce(EventRecorder events, JsonNode before, JsonNode after, Instant now) {
    boolean deleting = after.path("metadata").hasNonNull("deletionTimestamp");
    for (JsonNode c : after.path("status").path("containerStatuses")) {
      String name = c.path("name").asText();
      JsonNode old = find(before.path("status").path("containerStatuses"), name);
      boolean runsNow = c.path("state").has("running");
      boolean ranBefore = old != null && old.path("state").has("running");
      int run = c.path("restartCount").asInt();
      boolean sameRun = old != null && old.path("restartCount").asInt() == run;
      if (runsNow && !(ranBefore && sameRun)) {
        String image = c.path("image").asText();
        events.normal(after, name, "Pulled",
            "Container image \"" + image + "\" already present on machine", now);
        events.normal(after, name, "Created", "Created container " + name, now);
        events.normal(after, name, "Started", "Started container " + name, now);
      } else if (deleting && ranBefore && c.path("state").has("terminated")) {
        events.normal(after, name, "Killing", "Stopping container " + name, now);
      }
    }
  }

  static JsonNode find(JsonNode statuses, String name) {
    for (JsonNode s : statuses) {
      if (name.equals(s.path("name").asText())) {
        return s;
      }
    }
    return null;
  }
}
