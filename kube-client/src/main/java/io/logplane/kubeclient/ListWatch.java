package io.logplane.kubeclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logplane.kubeclient.internal.WatchLines;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * client-go's reflector: lists a collection, then watches it from the list's resourceVersion,
 * and keeps doing so. A watch the server ends is opened again from the last resourceVersion
 * seen (bookmarks included); a {@code 410 Gone}, an error event, a failed request or a broken
 * stream leads to a new list after a backoff (1 s doubling to 30 s, reset by a list that
 * succeeds). The listener thus sees a complete {@link Listener#listed} after every list and
 * the changes in between, and must treat each list as the whole truth.
 *
 * <p>Listener calls come one at a time from the client's event loop: they must not block.
 */
public final class ListWatch implements AutoCloseable {

  /** What a list and a watch deliver. */
  public interface Listener {
    /** Every object of the collection as the (re-)list found it. */
    void listed(List<JsonNode> items);

    /** One watch event after the list: {@code ADDED}, {@code MODIFIED} or {@code DELETED}. */
    void changed(String type, JsonNode object);
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MIN_BACKOFF_MS = 1000;
  private static final long MAX_BACKOFF_MS = 30_000;

  private final KubeClient client;
  private final String path;
  private final String query;
  private final Listener listener;
  private volatile boolean closed;
  private volatile WatchLines current;
  private volatile long backoffMs = MIN_BACKOFF_MS;

  private ListWatch(KubeClient client, String path, String query, Listener listener) {
    this.client = client;
    this.path = path;
    this.query = query == null || query.isEmpty() ? "" : query + "&";
    this.listener = listener;
  }

  /**
   * Starts listing and watching {@code path} (a collection, such as {@code /api/v1/pods}).
   *
   * @param query selectors in URL-encoded form ({@code fieldSelector=spec.nodeName%21%3D}), or
   *     empty
   */
  public static ListWatch start(KubeClient client, String path, String query, Listener listener) {
    ListWatch w = new ListWatch(client, path, query, listener);
    w.list();
    return w;
  }

  private void list() {
    if (closed) {
      return;
    }
    String url = query.isEmpty() ? path : path + "?" + query.substring(0, query.length() - 1);
    client.sendAsync("GET", url, null).whenComplete((r, e) -> {
          if (closed) {
            return;
          }
          try {
            if (e != null || !r.ok()) {
              retry();
              return;
            }
            JsonNode body = JSON.readTree(r.body());
            List<JsonNode> items = new ArrayList<>();
            body.path("items").forEach(items::add);
            backoffMs = MIN_BACKOFF_MS;
            listener.listed(items);
            watch(body.path("metadata").path("resourceVersion").asText(""));
          } catch (Exception bad) {
            retry();
          }
        });
  }

  /** Called from {@link WatchLines} and here: watch again from {@code rv}, or list again. */
  void watch(String rv) {
    if (closed) {
      return;
    }
    WatchLines lines = new WatchLines(listener, rv, this::watch, this::retry);
    current = lines;
    client.stream(path + "?" + query + "watch=1&allowWatchBookmarks=true&resourceVersion=" + rv,
        lines).whenComplete((status, e) -> {
          if (e != null) {
            lines.abandon();
            retry();
          }
        });
  }

  private void retry() {
    if (closed) {
      return;
    }
    long delay = backoffMs;
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(this::list);
  }

  /** Stops: the open watch is cancelled and nothing is listed again. */
  @Override
  public void close() {
    closed = true;
    WatchLines lines = current;
    if (lines != null) {
      lines.abandon();
    }
  }
}
