package io.logplane.node.internal.server;

import io.logplane.node.internal.server.spdy.SpdyConnection;
import io.logplane.node.internal.server.spdy.SpdyStream;
import io.logplane.node.internal.streams.ChannelProtocol;
import io.logplane.node.internal.streams.ClientInput;
import io.logplane.node.internal.streams.ExecOptions;
import io.netty.handler.codec.spdy.SpdyHeaders;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An exec's or attach's client on SPDY/3.1, as the kubelet's {@code createHTTPStreamStreams}
 * takes it: the client opens one stream per standard stream, named by its {@code streamType}
 * header ({@code error}, {@code stdin}, {@code stdout}, {@code stderr}, and from {@code
 * v3.channel.k8s.io} {@code resize} for a terminal), and the exchange begins once all those the
 * options ask are open (within 30 s, else the connection is closed). The error stream carries
 * the status: a JSON {@code Status} on {@code v4.channel.k8s.io} (success too), the text of a
 * failure on the older ones. The client's stdin ends with its stream's FIN; its sizes come as
 * JSON objects one a line. At the end each stream the server writes is half-closed, and the
 * connection closed once the client is done with it, as the kubelet's SPDY connection waits for
 * its streams to end before it closes.
 */
final class SpdyExecStreams implements ClientStreams, SpdyConnection.Streams {
  /** The protocols served, most preferred first. */
  static final List<String> PROTOCOLS = List.of("v4.channel.k8s.io", "v3.channel.k8s.io",
      "v2.channel.k8s.io", "channel.k8s.io");
  private static final String STREAM_TYPE = "streamtype";
  /** The kubelet's streamCreationTimeout. */
  private static final long STREAM_CREATION_MILLIS = 30_000;
  /** How long a client is given to close the connection once all was sent. */
  private static final long LINGER_MILLIS = 60_000;
  /** How many bytes sent may wait for the connection's context before a sender waits too. */
  private static final long IN_FLIGHT = 256 * 1024;

  private final Context context;
  private final ChannelProtocol protocol;
  private final List<String> types;
  private final Map<String, SpdyStream> streams = new HashMap<>();
  private final Promise<ClientStreams> ready = Promise.promise();
  private final AtomicBoolean gone = new AtomicBoolean();
  private final AtomicLong inFlight = new AtomicLong();
  private SpdyConnection connection;
  private ClientInput input = IGNORED;

  private SpdyExecStreams(Context context, String protocol, ExecOptions options) {
    this.context = context;
    this.protocol = protocol.equals(PROTOCOLS.get(0)) ? ChannelProtocol.V4 : ChannelProtocol.V1;
    boolean resizes = protocol.equals(PROTOCOLS.get(0)) || protocol.equals(PROTOCOLS.get(1));
    this.types = new java.util.ArrayList<>(List.of("error"));
    if (options.stdin()) {
      types.add("stdin");
    }
    if (options.stdout()) {
      types.add("stdout");
    }
    if (options.stderr()) {
      types.add("stderr");
    }
    if (options.tty() && resizes) {
      types.add("resize");
    }
  }

  /**
   * Serves the SPDY session of an upgraded connection, on its context; completes once the client
   * opened the streams {@code options} ask, fails if it did not in time or went first.
   *
   * @param protocol the negotiated one of {@link #PROTOCOLS}
   * @param idle     how long the connection may carry nothing before it is closed; zero: forever
   */
  static Future<ClientStreams> serve(Context context, NetSocket socket, String protocol, ExecOptions options,
      Duration idle) {
    SpdyExecStreams s = new SpdyExecStreams(context, protocol, options);
    s.connection = SpdyConnection.serve(socket, socket, socket::close, s).closeHandler(s::connectionEnded)
        .idleTimeout(idle);
    long timer = context.owner().setTimer(STREAM_CREATION_MILLIS, id -> {
      if (s.ready.tryFail("timed out waiting for client to create streams")) {
        s.connection.close();
      }
    });
    return s.ready.future().onComplete(ar -> context.owner().cancelTimer(timer));
  }

  @Override
  public String reject(SpdyHeaders headers) {
    String type = headers.getAsString(STREAM_TYPE);
    if (!types.contains(type)) {
      return "unexpected stream type: \"" + type + "\"";
    }
    return streams.containsKey(type) ? "a second " + type + " stream" : null;
  }

  @Override
  public void opened(SpdyStream stream) {
    streams.put(stream.header(STREAM_TYPE), stream);
    if (streams.size() == types.size()) {
      ready.tryComplete(this);
    }
  }

  private void connectionEnded() {
    gone.set(true);
    ready.tryFail("the client closed the connection before it opened its streams");
    input.gone();
  }

  @Override
  public ChannelProtocol protocol() {
    return protocol;
  }

  /** Called on the connection's context. */
  @Override
  public void listen(ClientInput input) {
    this.input = input;
    SpdyStream stdin = streams.get("stdin");
    if (stdin != null) {
      stdin.handler(b -> input.stdin(b.getBytes()));
      // A reset or the connection's end is the client's going, not the end of its input.
      stdin.endHandler(() -> {
        if (!gone.get()) {
          input.stdinClosed();
        }
      });
    }
    SpdyStream resize = streams.get("resize");
    if (resize != null) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      resize.handler(b -> {
        for (byte c : b.getBytes()) {
          if (c == '\n') {
            input.resize(line.toByteArray());
            line.reset();
          } else {
            line.write(c);
          }
        }
      });
    }
    if (gone.get()) {
      input.gone();
    }
  }

  @Override
  public boolean gone() {
    return gone.get();
  }

  /** Sends from a copy's thread on the connection's context, waiting while the client is slower. */
  @Override
  public void send(int channel, byte[] data) {
    SpdyStream stream = streams.get(channel == ChannelProtocol.STDOUT ? "stdout"
        : channel == ChannelProtocol.STDERR ? "stderr" : channel == ChannelProtocol.ERROR ? "error" : "");
    if (stream == null || data.length == 0) {
      return;
    }
    while (!gone.get() && (inFlight.get() > IN_FLIGHT || stream.writeQueueFull())) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (gone.get()) {
      return;
    }
    inFlight.addAndGet(data.length);
    context.runOnContext(v -> {
      inFlight.addAndGet(-data.length);
      stream.write(Buffer.buffer(data));
    });
  }

  /**
   * Half-closes the streams written; the connection closes once the client closed it (kubectl
   * does once its streams ended), or a while after what was sent went out.
   */
  @Override
  public void close() {
    context.runOnContext(v -> {
      for (String type : List.of("stdout", "stderr", "error")) {
        SpdyStream s = streams.get(type);
        if (s != null) {
          s.end();
        }
      }
      connection.closeWhenDone(LINGER_MILLIS);
    });
  }
}
