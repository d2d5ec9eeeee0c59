package io.logplane.node.internal.server.portforward;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyGoAwayFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The client end of a SPDY/3.1 session as client-go's port-forward opens one: over an HTTP/1.1
 * upgrade, or tunnelled in the binary messages of a WebSocket (each write one message, as
 * client-go's {@code TunnelingConnection}). Frames go through Netty's SPDY codec.
 */
final class SpdyTestClient implements AutoCloseable {
  /** What came on a stream: its reply, data and end, in order. */
  static final class Stream {
    final int id;
    final CompletableFuture<Void> replied = new CompletableFuture<>();
    final CompletableFuture<String> ended = new CompletableFuture<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    Stream(int id) {
      this.id = id;
    }

    synchronized byte[] bytes() {
      return received.toByteArray();
    }

    /** Everything until the server's FIN; fails on a reset. */
    String readAll() throws Exception {
      String how = ended.get(30, TimeUnit.SECONDS);
      if (!how.equals("fin")) {
        throw new IOException("stream " + id + " " + how);
      }
      return new String(bytes(), StandardCharsets.UTF_8);
    }
  }

  /** An HTTP answer that was not an upgrade: its status line, headers and body. */
  record Refusal(String head, String body) {}

  private final EmbeddedChannel codec = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
  private final Map<Integer, Stream> streams = new ConcurrentHashMap<>();
  final BlockingQueue<Integer> pings = new LinkedBlockingQueue<>();
  /** Done when the connection ended, whichever end closed it. */
  final CompletableFuture<Void> gone = new CompletableFuture<>();
  private Consumer<byte[]> out;
  private Runnable closer;
  private int nextId = 1;

  /** Upgrades an HTTP/1.1 connection to {@code path} of the server at {@code port}. */
  static SpdyTestClient upgrade(int port, String path) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(60_000);
    OutputStream os = socket.getOutputStream();
    os.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n"
        + "X-Stream-Protocol-Version: portforward.k8s.io\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    os.flush();
    InputStream is = socket.getInputStream();
    String head = head(is);
    if (!head.startsWith("HTTP/1.1 101")) {
      socket.close();
      throw new IOException(head);
    }
    SpdyTestClient c = new SpdyTestClient();
    c.out = bytes -> {
      try {
        os.write(bytes);
        os.flush();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    };
    c.closer = () -> {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    };
    Thread reader = new Thread(() -> {
      byte[] buf = new byte[16384];
      try {
        int n;
        while ((n = is.read(buf)) > 0) {
          c.receive(java.util.Arrays.copyOf(buf, n));
        }
      } catch (IOException ignored) {
        // the connection ended
      }
      c.ended();
    }, "spdy-test-reader");
    reader.setDaemon(true);
    reader.start();
    return c;
  }

  /** A WebSocket of subprotocol {@code SPDY/3.1+portforward.k8s.io} to {@code path}. */
  static SpdyTestClient tunnel(Vertx vertx, int port, String path) throws Exception {
    SpdyTestClient c = new SpdyTestClient();
    // Held until the close: a client nothing refers to any more is closed by Vert.x's cleaner,
    // its connections with it, even one still in its handshake.
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocket ws = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
        .setPort(port).setURI(path).addSubProtocol(PortForwardHandler.TUNNEL))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    if (!PortForwardHandler.TUNNEL.equals(ws.subProtocol())) {
      throw new IOException("subprotocol " + ws.subProtocol());
    }
    ws.binaryMessageHandler(b -> c.receive(b.getBytes()));
    ws.closeHandler(v -> c.ended());
    c.out = bytes -> ws.writeBinaryMessage(Buffer.buffer(bytes));
    c.closer = () -> ws.close().eventually(client::close);
    return c;
  }

  /** What a request that is not upgraded is answered. */
  static Refusal refusal(int port, String path, String headers) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(60_000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream is = socket.getInputStream();
      String head = head(is);
      int length = Integer.parseInt(head.replaceAll("(?s).*content-length: (\\d+).*", "$1"));
      return new Refusal(head, new String(is.readNBytes(length), StandardCharsets.UTF_8));
    }
  }

  private static String head(InputStream is) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = is.read();
      if (b < 0) {
        throw new IOException("no answer: " + head);
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT).replace("http/1.1", "HTTP/1.1");
  }

  /** Opens a stream with these headers, as client-go: its FIN when {@code fin}. */
  synchronized Stream open(Map<String, String> headers, boolean fin) {
    int id = nextId;
    nextId += 2;
    DefaultSpdySynStreamFrame syn = new DefaultSpdySynStreamFrame(id, 0, (byte) 0);
    headers.forEach((k, v) -> syn.headers().set(k.toLowerCase(java.util.Locale.ROOT), v));
    syn.setLast(fin);
    Stream s = new Stream(id);
    streams.put(id, s);
    send(syn);
    return s;
  }

  /** The error and the data stream of one forwarded connection, as client-go opens them. */
  Stream[] forward(int port, int requestId) throws Exception {
    Map<String, String> h = Map.of("streamType", "error", "port", String.valueOf(port), "requestID",
        String.valueOf(requestId));
    Stream error = open(h, true);
    Stream data = open(Map.of("streamType", "data", "port", String.valueOf(port), "requestID",
        String.valueOf(requestId)), false);
    error.replied.get(30, TimeUnit.SECONDS);
    data.replied.get(30, TimeUnit.SECONDS);
    return new Stream[] {error, data};
  }

  synchronized void write(Stream s, String text, boolean fin) {
    send(new DefaultSpdyDataFrame(s.id, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)).setLast(fin));
  }

  synchronized void reset(Stream s) {
    send(new DefaultSpdyRstStreamFrame(s.id, SpdyStreamStatus.CANCEL));
  }

  synchronized void ping(int id) {
    send(new DefaultSpdyPingFrame(id));
  }

  private void send(SpdyFrame frame) {
    codec.writeOutbound(frame);
    Object o;
    while ((o = codec.readOutbound()) != null) {
      ByteBuf b = (ByteBuf) o;
      byte[] bytes = new byte[b.readableBytes()];
      b.readBytes(bytes);
      b.release();
      out.accept(bytes);
    }
  }

  private synchronized void receive(byte[] bytes) {
    codec.writeInbound(Unpooled.wrappedBuffer(bytes));
    Object o;
    while ((o = codec.readInbound()) != null) {
      try {
        if (o instanceof SpdySynReplyFrame r) {
          streams.get(r.streamId()).replied.complete(null);
        } else if (o instanceof SpdyDataFrame d) {
          Stream s = streams.get(d.streamId());
          synchronized (s) {
            d.content().readBytes(s.received, d.content().readableBytes());
          }
          if (d.isLast()) {
            s.ended.complete("fin");
          }
        } else if (o instanceof SpdyRstStreamFrame r) {
          Stream s = streams.get(r.streamId());
          s.replied.completeExceptionally(new IOException("reset " + r.status()));
          s.ended.complete("reset " + r.status());
        } else if (o instanceof SpdyPingFrame p) {
          pings.add(p.id());
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } finally {
        ReferenceCountUtil.release(o);
      }
    }
  }

  private void ended() {
    streams.values().forEach(s -> s.ended.complete("ended with the connection"));
    gone.complete(null);
  }

  @Override
  public synchronized void close() {
    try {
      send(new DefaultSpdyGoAwayFrame(0));
    } catch (RuntimeException ignored) {
      // already gone
    }
    closer.run();
  }
}
