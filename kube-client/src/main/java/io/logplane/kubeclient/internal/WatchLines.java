package io.logplane.kubeclient.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logplane.kubeclient.ListWatch;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * One watch request of a {@link ListWatch}: its lines decoded as watch events and passed on,
 * the last resourceVersion kept. It ends in exactly one of: watching again from that version
 * (the server closed the stream cleanly), listing again (410, an error event or a broken
 * stream), or nothing (abandoned).
 */
public final class WatchLines implements Flow.Subscriber<String> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ListWatch.Listener listener;
  private final Consumer<String> rewatch;
  private final Runnable relist;
  private volatile Flow.Subscription subscription;
  private volatile boolean over;
  private String rv;

  public WatchLines(ListWatch.Listener listener, String rv, Consumer<String> rewatch,
      Runnable relist) {
    this.listener = listener;
    this.rv = rv;
    this.rewatch = rewatch;
    this.relist = relist;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (over) {
      s.cancel();
    } else {
      s.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(String line) {
    if (over || line.isBlank()) {
      return;
    }
    JsonNode event;
    try {
      event = JSON.readTree(line);
    } catch (Exception e) {
      end(false);
      return;
    }
    String type = event.path("type").asText("");
    JsonNode object = event.path("object");
    if ("Status".equals(event.path("kind").asText()) || "ERROR".equals(type)) {
      end(false); // 410 Gone, or any other refusal: only a new list is safe
      return;
    }
    String version = object.path("metadata").path("resourceVersion").asText("");
    if (!version.isEmpty()) {
      rv = version;
    }
    if (!"BOOKMARK".equals(type)) {
      listener.changed(type, object);
    }
  }

  @Override
  public void onError(Throwable t) {
    if (!over) {
      over = true;
      relist.run();
    }
  }

  @Override
  public void onComplete() {
    if (!over) {
      over = true;
      rewatch.accept(rv);
    }
  }

  /** Stops without watching or listing again. */
  public void abandon() {
    over = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }

  private void end(boolean watchAgain) {
    abandon();
    if (watchAgain) {
      rewatch.accept(rv);
    } else {
      relist.run();
    }
  }
}
