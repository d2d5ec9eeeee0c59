package io.logplane.node.internal.server.spdy;

import io.netty.handler.codec.spdy.SpdyHeaders;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * One stream of a {@link SpdyConnection}, opened by the client: its headers, what the client
 * sends on it (kept until a handler takes it), and what the server writes back. Either side
 * half-closes it (FIN); a reset, or the end of the connection, ends it at once. Used on the
 * connection's context only.
 */
public final class SpdyStream {
  private final SpdyConnection connection;
  private final int id;
  private final SpdyHeaders headers;
  private final Queue<Buffer> pending = new ArrayDeque<>();
  private Consumer<Buffer> handler;
  private Runnable endHandler;
  private boolean remoteEnded;
  private boolean endTold;
  private boolean localEnded;
  private boolean paused;

  SpdyStream(SpdyConnection connection, int id, SpdyHeaders headers) {
    this.connection = connection;
    this.id = id;
    this.headers = headers;
  }

  public int id() {
    return id;
  }

  /** The value of the header {@code name} (lower case, as SPDY sends names), or null. */
  public String header(String name) {
    return headers.getAsString(name);
  }

  /** Takes what the client sends, beginning with what came before. */
  public SpdyStream handler(Consumer<Buffer> handler) {
    this.handler = handler;
    deliver();
    return this;
  }

  /**
   * Told once when the client sends no more: it half-closed the stream, reset it, or the
   * connection ended.
   */
  public SpdyStream endHandler(Runnable endHandler) {
    this.endHandler = endHandler;
    deliver();
    return this;
  }

  /** Sends {@code bytes} to the client, unless this side already ended. */
  public void write(Buffer bytes) {
    if (!localEnded && bytes.length() > 0) {
      connection.data(id, bytes, false);
    }
  }

  /** Half-closes this side (FIN): the client reads to its end. */
  public void end() {
    if (!localEnded) {
      localEnded = true;
      connection.data(id, Buffer.buffer(), true);
      if (remoteEnded) {
        connection.forget(id);
      }
    }
  }

  /** Ends the stream both ways at once (RST_STREAM). */
  public void reset() {
    if (!localEnded || !remoteEnded) {
      localEnded = true;
      connection.reset(id);
      remoteReset();
    }
  }

  /** Whether what is written waits for the transport: stop, and go on on {@link #drainHandler}. */
  public boolean writeQueueFull() {
    return connection.writeQueueFull();
  }

  public void drainHandler(Runnable r) {
    connection.whenDrained(r);
  }

  /** Reads no more from the client (the whole connection waits) until {@link #resume()}. */
  public void pause() {
    if (!paused) {
      paused = true;
      connection.pause();
    }
  }

  public void resume() {
    if (paused) {
      paused = false;
      connection.resume();
    }
  }

  void remoteData(Buffer bytes, boolean last) {
    if (remoteEnded) {
      return;
    }
    if (bytes.length() > 0) {
      pending.add(bytes);
    }
    if (last) {
      remoteEnded = true;
      if (localEnded) {
        connection.forget(id);
      }
    }
    deliver();
  }

  void remoteReset() {
    localEnded = true;
    remoteEnded = true;
    pending.clear();
    resume();
    deliver();
  }

  private void deliver() {
    while (handler != null && !pending.isEmpty()) {
      handler.accept(pending.poll());
    }
    if (remoteEnded && pending.isEmpty() && endHandler != null && !endTold) {
      endTold = true;
      endHandler.run();
    }
  }
}
