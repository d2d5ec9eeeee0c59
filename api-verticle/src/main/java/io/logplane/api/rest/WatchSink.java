package io.logplane.api.rest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;

/** Where a watch writes: a streamed HTTP response or a WebSocket. */
interface WatchSink {

  void open();

  void write(byte[] frame);

  /** Writes several events; a stream may send them together. */
  default void writeAll(java.util.List<byte[]> frames) {
    frames.forEach(this::write);
  }

  /** True while the peer is not reading what was written. */
  boolean slow();

  void close();

  void onClose(Runnable r);

  /** Chunked HTTP/1.1 or an HTTP/2 stream: one JSON event per line. */
  final class Http implements WatchSink {
    private final io.vertx.ext.web.RoutingContext ctx;
    private final HttpServerResponse response;

    Http(io.vertx.ext.web.RoutingContext ctx) {
      this.ctx = ctx;
      this.response = ctx.response();
    }

    @Override
    public void open() {
      response.setChunked(true).putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-cache, private");
      response.writeHead();
    }

    @Override
    public void write(byte[] frame) {
      if (!response.closed() && !response.ended()) {
        response.write(Buffer.buffer(frame));
      }
    }

    /** All events of a batch in one write: one DATA frame and one flush instead of one per event. */
    @Override
    public void writeAll(java.util.List<byte[]> frames) {
      if (frames.size() == 1) {
        write(frames.get(0));
        return;
      }
      if (!frames.isEmpty() && !response.closed() && !response.ended()) {
        Buffer all = Buffer.buffer(frames.stream().mapToInt(f -> f.length).sum());
        frames.forEach(all::appendBytes);
        response.write(all);
      }
    }

    @Override
    public boolean slow() {
      return !response.closed() && response.writeQueueFull();
    }

    @Override
    public void close() {
      if (!response.ended() && !response.closed()) {
        response.end();
      }
    }

    /** Through the routing context, whose end handlers others (the request metrics) share. */
    @Override
    public void onClose(Runnable r) {
      ctx.addEndHandler(done -> r.run());
    }
  }

  /** A WebSocket: one event per text message. */
  final class Ws implements WatchSink {
    private final ServerWebSocket ws;

    Ws(ServerWebSocket ws) {
      this.ws = ws;
    }

    @Override
    public void open() {
    }

    @Override
    public void write(byte[] frame) {
      if (!ws.isClosed()) {
        ws.writeTextMessage(new String(frame, 0, frame.length - 1, java.nio.charset.StandardCharsets.UTF_8));
      }
    }

    @Override
    public boolean slow() {
      return ws.writeQueueFull();
    }

    @Override
    public void close() {
      if (!ws.isClosed()) {
        ws.close();
      }
    }

    @Override
    public void onClose(Runnable r) {
      ws.closeHandler(v -> r.run());
    }
  }
}
