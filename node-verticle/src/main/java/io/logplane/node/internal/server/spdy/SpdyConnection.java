package io.logplane.node.internal.server.spdy;

import io.logplane.node.internal.server.IdleTimeout;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyHeaders;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server end of a SPDY/3.1 session over a transport of bytes, as Kubernetes' {@code
 * httpstream/spdy} connection: the client opens streams (SYN_STREAM with its headers), which the
 * {@link Streams} accepts (a SYN_REPLY goes back, then it is handed the stream) or rejects (a
 * RST_STREAM); pings are answered; a GOAWAY or the end of the transport ends every stream.
 *
 * <p>Not thread-safe: every call, and the transport's handlers, run on one Vert.x context (the
 * connection's), as do the handlers of its streams.
 */
public final class SpdyConnection {
  private static final Logger LOG = LoggerFactory.getLogger(SpdyConnection.class);

  /** What opens on the connection: decides on each stream the client opens, then takes it. */
  public interface Streams {
    /** Why the stream of {@code headers} is refused (it is reset), or null to accept it. */
    String reject(SpdyHeaders headers);

    /** The accepted stream, its SYN_REPLY sent. */
    void opened(SpdyStream stream);
  }

  private static final String REPLY_HEADER = "x-spdy-accepted";

  private final EmbeddedChannel codec = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
  private final ReadStream<Buffer> in;
  private final WriteStream<Buffer> out;
  private final Runnable closeTransport;
  private final Streams streams;
  private final Map<Integer, SpdyStream> open = new HashMap<>();
  private final List<Runnable> drainWaiters = new ArrayList<>();
  private Runnable closeHandler = () -> { };
  private Future<Void> lastWrite = Future.succeededFuture();
  private IdleTimeout idle = IdleTimeout.start(null, Duration.ZERO, () -> { });
  private int paused;
  private boolean closed;

  private SpdyConnection(ReadStream<Buffer> in, WriteStream<Buffer> out, Runnable closeTransport,
      Streams streams) {
    this.in = in;
    this.out = out;
    this.closeTransport = closeTransport;
    this.streams = streams;
  }

  /**
   * Serves SPDY over a transport: {@code in} gives the client's bytes (in any pieces), {@code
   * out} takes the server's, {@code closeTransport} closes it.
   */
  public static SpdyConnection serve(ReadStream<Buffer> in, WriteStream<Buffer> out,
      Runnable closeTransport, Streams streams) {
    SpdyConnection c = new SpdyConnection(in, out, closeTransport, streams);
    in.handler(c::receive);
    in.endHandler(v -> c.ended());
    in.exceptionHandler(t -> {
      LOG.debug("SPDY transport failed", t);
      c.close();
    });
    out.drainHandler(v -> c.drained());
    return c;
  }

  /** Told once when the connection ends (the transport's end, a GOAWAY, a close), before its streams are. */
  public SpdyConnection closeHandler(Runnable closeHandler) {
    this.closeHandler = closeHandler;
    return this;
  }

  /**
   * Closes the connection once no frame went either way for {@code timeout} (pings count, as in
   * spdystream's idle-aware framer that the kubelet uses); zero: never. Call on the connection's
   * context.
   */
  public SpdyConnection idleTimeout(Duration timeout) {
    idle.stop();
    idle = IdleTimeout.start(Vertx.currentContext().owner(), timeout, () -> {
      LOG.debug("SPDY connection idle for {}: closed", timeout);
      close();
    });
    return this;
  }

  /** Closes the transport; every stream ends. */
  public void close() {
    if (!closed) {
      closeTransport.run();
      ended();
    }
  }

  /**
   * Closes the transport when the client closed its end, or {@code lingerMillis} after all that
   * was written went out: closing at once would reset the connection if frames of the client's
   * (its pings) were still unread, and a reset drops what the client had received but not yet
   * read.
   */
  public void closeWhenDone(long lingerMillis) {
    Context context = Vertx.currentContext();
    lastWrite.onComplete(v -> context.owner().setTimer(lingerMillis, id -> close()));
  }

  private void ended() {
    if (closed) {
      return;
    }
    closed = true;
    idle.stop();
    closeHandler.run();
    List<SpdyStream> all = new ArrayList<>(open.values());
    open.clear();
    all.forEach(SpdyStream::remoteReset);
    codec.finishAndReleaseAll();
  }

  private void receive(Buffer bytes) {
    if (closed) {
      return;
    }
    idle.touch();
    try {
      codec.writeInbound(Unpooled.wrappedBuffer(bytes.getBytes()));
    } catch (RuntimeException e) {
      LOG.debug("SPDY frame refused", e);
      close();
      return;
    }
    Object frame;
    while (!closed && (frame = codec.readInbound()) != null) {
      try {
        dispatch((SpdyFrame) frame);
      } finally {
        ReferenceCountUtil.release(frame);
      }
    }
  }

  private void dispatch(SpdyFrame frame) {
    if (frame instanceof SpdySynStreamFrame syn) {
      synStream(syn);
    } else if (frame instanceof SpdyDataFrame data) {
      SpdyStream s = open.get(data.streamId());
      if (s != null) {
        s.remoteData(Buffer.buffer(ByteBufBytes.of(data.content())), data.isLast());
      }
    } else if (frame instanceof SpdyRstStreamFrame rst) {
      SpdyStream s = open.remove(rst.streamId());
      if (s != null) {
        s.remoteReset();
      }
    } else if (frame instanceof SpdyPingFrame ping) {
      if ((ping.id() & 1) == 1) { // the client's ping; the server's own would be even
        send(new DefaultSpdyPingFrame(ping.id()));
      }
    } else if (frame instanceof SpdyGoAwayFrame) {
      close();
    }
    // SETTINGS, WINDOW_UPDATE (no flow control on either side), HEADERS: nothing to do.
  }

  private void synStream(SpdySynStreamFrame syn) {
    int id = syn.streamId();
    String why = open.containsKey(id) ? "stream " + id + " already open" : streams.reject(syn.headers());
    if (why != null) {
      LOG.debug("SPDY stream {} rejected: {}", id, why);
      send(new DefaultSpdyRstStreamFrame(id, SpdyStreamStatus.CANCEL));
      return;
    }
    SpdyStream s = new SpdyStream(this, id, syn.headers());
    open.put(id, s);
    send(reply(id));
    if (syn.isLast()) {
      s.remoteData(Buffer.buffer(), true);
    }
    streams.opened(s);
  }

  /**
   * The SYN_REPLY of stream {@code id}, with one header: Netty encodes a reply of no headers as an
   * empty block, where SPDY/3 wants the compressed count of none, and Go's framer, finding nothing
   * to inflate, ends the whole session.
   */
  private static SpdyFrame reply(int id) {
    DefaultSpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(id);
    reply.headers().set(REPLY_HEADER, "1");
    return reply;
  }

  void data(int id, Buffer bytes, boolean last) {
    ByteBuf b = Unpooled.wrappedBuffer(bytes.getBytes());
    send(new DefaultSpdyDataFrame(id, b).setLast(last));
  }

  void reset(int id) {
    open.remove(id);
    send(new DefaultSpdyRstStreamFrame(id, SpdyStreamStatus.CANCEL));
  }

  void forget(int id) {
    open.remove(id);
  }

  boolean writeQueueFull() {
    return !closed && out.writeQueueFull();
  }

  void whenDrained(Runnable r) {
    drainWaiters.add(r);
  }

  /** One stream more that cannot take what the client sends: the transport is read no more. */
  void pause() {
    if (paused++ == 0 && !closed) {
      in.pause();
    }
  }

  void resume() {
    if (--paused == 0 && !closed) {
      in.resume();
    }
  }

  boolean closed() {
    return closed;
  }

  private void drained() {
    List<Runnable> waiting = new ArrayList<>(drainWaiters);
    drainWaiters.clear();
    waiting.forEach(Runnable::run);
  }

  private void send(SpdyFrame frame) {
    if (closed) {
      ReferenceCountUtil.release(frame);
      return;
    }
    idle.touch();
    codec.writeOutbound(frame);
    Object encoded;
    while ((encoded = codec.readOutbound()) != null) {
      ByteBuf b = (ByteBuf) encoded;
      try {
        lastWrite = out.write(Buffer.buffer(ByteBufBytes.of(b)));
      } finally {
        b.release();
      }
    }
  }
}
