package io.logplane.api.rest;

import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * A whole list written while it is read: the scan (on a worker thread) fills chunks of
 * {@link #CHUNK} bytes and hands each to the request's event loop, which sends it at once, so
 * reading the store and sending (HTTP/2 frames, TLS) run side by side on two cores instead of
 * one after the other, and no array of the whole answer is made (for 8,000 pods, a 15 MB array
 * in the collector's humongous regions). kube-apiserver streams its lists the same way, without
 * a Content-Length.
 *
 * <p>A chunk is handed to the response once the one before it is written, so one write of the
 * stream is in flight at a time. (A list whose headers were sent and nothing more, seen in
 * bursts of 48 lists, was first taken for two writes queued at once; it was Netty's writability
 * gap, which {@link io.logplane.http2.StreamWritability} closes.)
 *
 * <p>Only for lists that are not paged: a page's continue token is known at its end, and it
 * belongs in the list's metadata, ahead of the items. Once the first chunk is sent the status is
 * 200; a failure after that resets the stream, so a client never takes a cut list for a whole one.
 * Not thread-safe: one scanning thread calls {@link #item} and {@link #finish}.
 */
final class ListStream {

  /** Bytes per chunk: below half of G1's region at the server's heap, so never a humongous object. */
  static final int CHUNK = 256 << 10;

  private static final byte[] COMMA = {','};
  private static final byte[] END = {']', '}'};

  private final Call call;
  private final Context context;
  private final byte[] head;
  private byte[] chunk = new byte[CHUNK];
  private int used;
  private boolean first = true;
  private boolean started;
  private volatile boolean gone;

  /** A stream of the list whose JSON starts with {@code head} (up to and with {@code "items":[}). */
  ListStream(Call call, Context context, String head) {
    this.call = call;
    this.context = context;
    this.head = head.getBytes(StandardCharsets.UTF_8);
    append(this.head, 0, this.head.length);
  }

  /** Whether the client went away: the scan may stop. */
  boolean gone() {
    return gone;
  }

  /** Adds one item, as its served bytes. */
  void item(byte[] json) {
    if (!first) {
      append(COMMA, 0, 1);
    }
    first = false;
    if (json.length >= CHUNK) {
      flush();
      send(json, json.length, false); // sent as it is: copying it into chunks would gain nothing
      return;
    }
    append(json, 0, json.length);
  }

  /** Ends the list and the answer. */
  void finish() {
    append(END, 0, 2);
    byte[] last = chunk;
    int n = used;
    chunk = null;
    send(last, n, true);
  }

  /** Whether a chunk was sent: the status is given then, and a failure can only cut the stream. */
  boolean started() {
    return started;
  }

  /** Cuts the answer after a failure: resets the stream, so the client sees no whole list. */
  void abort() {
    context.runOnContext(v -> {
      HttpServerResponse r = call.ctx().response();
      if (!r.ended() && !r.closed()) {
        r.reset();
      }
    });
  }

  private void append(byte[] b, int from, int length) {
    int at = from;
    while (at < from + length) {
      int n = Math.min(CHUNK - used, from + length - at);
      System.arraycopy(b, at, chunk, used, n);
      used += n;
      at += n;
      if (used == CHUNK) {
        flush();
      }
    }
  }

  private void flush() {
    if (used == 0) {
      return;
    }
    byte[] full = chunk;
    int n = used;
    chunk = new byte[CHUNK];
    used = 0;
    send(full, n, false);
  }

  private void send(byte[] bytes, int length, boolean end) {
    boolean headers = !started;
    started = true;
    Buffer b = BufferInternal.buffer(Unpooled.wrappedBuffer(bytes, 0, length));
    // each chunk once the one before is written: one write of the stream's in flight at a time
    written = written.thenCompose(ok -> {
      CompletableFuture<Void> done = new CompletableFuture<>();
      context.runOnContext(v -> {
        HttpServerResponse r = call.ctx().response();
        if (r.ended() || r.closed()) {
          gone = true;
          done.complete(null);
          return;
        }
        if (headers) {
          // A list that fits one chunk goes whole, with its Content-Length, as Go's server sends a
          // body its handler wrote before the first flush; a longer one is streamed without.
          r.setStatusCode(200).putHeader("Content-Type", "application/json")
              .putHeader("Audit-Id", call.requestId()).setChunked(!end);
        }
        (end ? r.end(b) : r.write(b)).onComplete(w -> done.complete(null));
      });
      return done;
    });
  }

  private CompletableFuture<Void> written = CompletableFuture.completedFuture(null);
}
