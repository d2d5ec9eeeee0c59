package io.logplane.kubeclient.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.kubeclient.ListWatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** A watch's lines in, the listener's calls and what follows the stream's end out. */
class WatchLinesTest {
  private final List<String> seen = new ArrayList<>();
  private final ListWatch.Listener listener = new ListWatch.Listener() {
    @Override
    public void listed(List<JsonNode> items) {
      seen.add("listed " + items.size());
    }

    @Override
    public void changed(String type, JsonNode object) {
      seen.add(type + " " + object.path("metadata").path("name").asText());
    }
  };

  private WatchLines lines() {
    WatchLines w = new WatchLines(listener, "5", rv -> seen.add("watch from " + rv),
        () -> seen.add("list again"));
    w.onSubscribe(new Flow.Subscription() {
      @Override
      public void request(long n) {}

      @Override
      public void cancel() {
        seen.add("cancelled");
      }
    });
    return w;
  }

  @Test
  void eventsArePassedOnAndACleanEndWatchesFromTheLastVersionBookmarksIncluded() {
    WatchLines w = lines();
    w.onNext("{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"a\",\"resourceVersion\":\"7\"}}}");
    w.onNext("");
    w.onNext("{\"type\":\"BOOKMARK\",\"object\":{\"metadata\":{\"resourceVersion\":\"9\"}}}");
    w.onNext("{\"type\":\"DELETED\",\"object\":{\"metadata\":{\"name\":\"a\"}}}");
    w.onComplete();
    assertEquals(List.of("ADDED a", "DELETED a", "watch from 9"), seen);
  }

  @Test
  void goneOrAnyErrorListsAgainOnceAndNothingAfter() {
    WatchLines w = lines();
    w.onNext("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"code\":410}}");
    w.onNext("{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"late\"}}}");
    w.onComplete();
    assertEquals(List.of("cancelled", "list again"), seen);

    seen.clear();
    WatchLines broken = lines();
    broken.onError(new java.io.IOException("reset"));
    broken.onComplete();
    assertEquals(List.of("list again"), seen);

    seen.clear();
    WatchLines refused = lines(); // a non-200 answer's body is a Status
    refused.onNext("{\"kind\":\"Status\",\"code\":403}");
    assertEquals(List.of("cancelled", "list again"), seen);
  }

  @Test
  void anAbandonedWatchDoesNothingMore() {
    WatchLines w = lines();
    w.abandon();
    w.onNext("{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"a\"}}}");
    w.onError(new java.io.IOException("reset"));
    assertEquals(List.of("cancelled"), seen);
  }
}
