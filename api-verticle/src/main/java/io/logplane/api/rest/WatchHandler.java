package io.logplane.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.ApiContext;
import io.logplane.api.rbac.PastSecrets;
import io.logplane.projections.Change;
import io.logplane.projections.Event;
import io.logplane.projections.Json;
import io.logplane.projections.Metadata;
import io.logplane.projections.Store;
import io.logplane.projections.WatchHub;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A watch over chunked HTTP (one JSON event per line) or over a WebSocket (one event per
 * message) on the same URL. Starts after the given resourceVersion — from memory or from the
 * stored history, never 410 while the history has it — or, without one, with the current
 * objects as ADDED events. Sends BOOKMARKs when asked, and ends at timeoutSeconds.
 */
public final class WatchHandler {

  static final long BOOKMARK_MILLIS = 5_000;
  private static final long DEFAULT_TIMEOUT_SECONDS = 1800;

  private final ApiContext api;
  private final Present present;
  private final WatchEvents counts;
  private final PastSecrets pastSecrets;

  public WatchHandler(ApiContext api, Present present, WatchEvents counts, PastSecrets pastSecrets) {
    this.pastSecrets = pastSecrets;
    this.api = api;
    this.present = present;
    this.counts = counts;
  }

  public void handle(Call call) {
    ReadOptions opts = ReadOptions.parse(call.query(), call.type());
    Predicate<JsonNode> selectors = opts.selectors();
    String prefix = call.type().listPrefix(call.namespace());
    Store store = api.projection().store();
    Function<Event, Event> view = new SelectorView(prefix, selectors, store::before);
    boolean initial = Boolean.TRUE.equals(opts.initialEvents())
        || (opts.initialEvents() == null && opts.resourceVersion() <= 0);
    long from = initial ? -1 : opts.resourceVersion();
    long timeout = opts.timeoutSeconds() < 0 ? DEFAULT_TIMEOUT_SECONDS : Math.max(1, opts.timeoutSeconds());
    boolean table = Negotiation.wantsTable(call.ctx().request().getHeader("Accept"));
    String upgrade = call.ctx().request().getHeader("Upgrade");
    if (upgrade != null && upgrade.equalsIgnoreCase("websocket")) {
      call.ctx().request().toWebSocket().onSuccess(ws -> start(call, opts, new WatchSink.Ws(ws), view, initial,
          from, timeout, table)).onFailure(call::fail);
    } else {
      start(call, opts, new WatchSink.Http(call.ctx()), view, initial, from, timeout, table);
    }
  }

  private void start(Call call, ReadOptions opts, WatchSink sink, Function<Event, Event> view, boolean initial,
      long from, long timeoutSeconds, boolean table) {
    Predicate<JsonNode> selectors = opts.selectors();
    var ctx = api.vertx().getOrCreateContext();
    Encoder encoder = new Encoder(call, table);
    Stream stream = new Stream(sink, encoder, opts.bookmarks(), Boolean.TRUE.equals(opts.initialEvents()),
        counts.of(call.type()));
    sink.open();
    api.vertx().executeBlocking(() -> {
      if (!initial && Present.isSecret(call.type())) {
        try (Store.Snapshot now = api.projection().store().snapshot()) {
          encoder.replayedUpTo = now.appliedOffset();
        }
      }
      long startAt = from;
      List<Event> snapshot = new ArrayList<>();
      if (initial) {
        try (Store.Snapshot snap = api.projection().store().snapshot()) {
          startAt = snap.appliedOffset();
          snap.scan(call.type().listPrefix(call.namespace()), null, (key, json) -> {
            ObjectNode o = Json.object(json);
            if (selectors == null || selectors.test(o)) {
              snapshot.add(new Event(0, Change.Type.ADDED, key, o, json));
            }
            return true;
          });
        }
      }
      long start = startAt;
      ctx.runOnContext(v -> stream.initial(snapshot, start));
      WatchHub.Subscription sub = api.projection().hub().view(startAt, view,
          (events, applied) -> ctx.runOnContext(v -> stream.events(events, applied)));
      return sub;
    }, false).onSuccess(sub -> {
      long bookmarks = api.vertx().setPeriodic(BOOKMARK_MILLIS, id -> stream.tick());
      long end = api.vertx().setTimer(timeoutSeconds * 1000, id -> sink.close());
      sink.onClose(() -> {
        sub.cancel();
        api.vertx().cancelTimer(bookmarks);
        api.vertx().cancelTimer(end);
      });
    }).onFailure(call::fail);
  }

  /** Turns events into lines of the watch stream, as JSON objects or one-row Tables. */
  final class Encoder {
    private final Call call;
    private final boolean table;
    private final TableView tables;
    private boolean columnsSent;
    /**
     * The last version this watch replays from the past (its start's state), or -1: a Secret's
     * replayed version that is no longer its current one is a past value ({@link PastSecrets}).
     */
    volatile long replayedUpTo = -1;

    Encoder(Call call, boolean table) {
      this.call = call;
      this.table = table;
      this.tables = table ? new TableView(api, call) : null;
    }

    byte[] event(String type, Event e) {
      if (e.offset() > 0 && e.offset() <= replayedUpTo) {
        byte[] current = api.projection().store().get(e.key());
        // A DELETED of an object that exists now shows an earlier version: the one before a
        // change a selector watch saw it leave by, or a deleted object's since made again. A
        // deletion's last state, while nothing took its name, is not withheld.
        boolean earlier = e.type() == Change.Type.DELETED ? current != null
            : current == null || Metadata.resourceVersion(Json.object(current)) != e.offset();
        if (earlier) {
          ObjectNode past = Json.object(pastSecrets.view(call.user(), e.json(), e.offset()));
          e = new Event(e.offset(), e.type(), e.key(), past, Json.bytes(past));
        }
      }
      byte[] object;
      if (table) {
        ObjectNode t = tables.watchEvent(present.printable(call.type(), e.object().deepCopy()), !columnsSent);
        columnsSent = true;
        object = Json.bytes(t);
      } else if (present.needsRewrite(call.type())) {
        object = Json.bytes(present.object(call.type(), e.object().deepCopy()));
      } else {
        object = e.json();
      }
      return frame(type, object);
    }

    byte[] bookmark(long rv, boolean initialEnd) {
      ObjectNode b = Json.MAPPER.createObjectNode();
      b.put("kind", call.type().kind()).put("apiVersion", call.type().apiVersion());
      ObjectNode meta = b.putObject("metadata").put("resourceVersion", Long.toString(rv));
      if (initialEnd) {
        meta.putObject("annotations").put("k8s.io/initial-events-end", "true");
      }
      return frame("BOOKMARK", Json.bytes(b));
    }

    private static byte[] frame(String type, byte[] object) {
      byte[] head = ("{\"type\":\"" + type + "\",\"object\":").getBytes(StandardCharsets.UTF_8);
      byte[] out = new byte[head.length + object.length + 2];
      System.arraycopy(head, 0, out, 0, head.length);
      System.arraycopy(object, 0, out, head.length, object.length);
      out[out.length - 2] = '}';
      out[out.length - 1] = '\n';
      return out;
    }
  }

  /** The state of one watch on its Vert.x context: progress for bookmarks, slow-reader check. */
  final class Stream {
    private final WatchSink sink;
    private final Encoder encoder;
    private final boolean bookmarks;
    private final boolean initialEndBookmark;
    private long progress = -1;
    private long bookmarked = -1;
    private boolean started;
    private final List<Runnable> early = new ArrayList<>();
    private final java.util.function.IntConsumer sent;

    Stream(WatchSink sink, Encoder encoder, boolean bookmarks, boolean initialEndBookmark,
        java.util.function.IntConsumer sent) {
      this.sent = sent;
      this.sink = sink;
      this.encoder = encoder;
      this.bookmarks = bookmarks;
      this.initialEndBookmark = initialEndBookmark;
    }

    void initial(List<Event> snapshot, long at) {
      List<byte[]> frames = new ArrayList<>(snapshot.size());
      for (Event e : snapshot) {
        frames.add(encoder.event("ADDED", e));
      }
      sink.writeAll(frames);
      sent.accept(frames.size());
      progress = Math.max(progress, at);
      if (initialEndBookmark) {
        sink.write(encoder.bookmark(at, true));
        bookmarked = at;
      }
      started = true;
      early.forEach(Runnable::run);
      early.clear();
    }

    void events(List<Event> events, long applied) {
      if (!started) {
        early.add(() -> events(events, applied));
        return;
      }
      List<byte[]> frames = new ArrayList<>(events.size());
      for (Event e : events) {
        frames.add(encoder.event(e.type().name(), e));
      }
      sink.writeAll(frames);
      sent.accept(frames.size());
      progress = Math.max(progress, applied);
    }

    void tick() {
      if (sink.slow()) {
        sink.close();
        return;
      }
      if (bookmarks && started && progress > bookmarked) {
        sink.write(encoder.bookmark(progress, false));
        bookmarked = progress;
      }
    }
  }
}
