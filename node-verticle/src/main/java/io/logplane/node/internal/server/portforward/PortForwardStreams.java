package io.logplane.node.internal.server.portforward;

import io.logplane.node.internal.server.spdy.SpdyConnection;
import io.logplane.node.internal.server.spdy.SpdyStream;
import io.netty.handler.codec.spdy.SpdyHeaders;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The streams of one port-forward connection: each checked as the kubelet checks them, paired by
 * request, and each complete pair forwarded to its port of the pod. A stream that does not fit
 * its pair gets the problem on the pair's error stream; a pair still incomplete once {@code
 * streamCreation} passed is told so on its error stream, and dropped.
 */
final class PortForwardStreams implements SpdyConnection.Streams {
  private final Vertx vertx;
  private final NetClient client;
  private final PodPortCopy.Pod pod;
  private final String connection;
  private final Duration streamCreation;
  private final StreamPairs<SpdyStream> pairs = new StreamPairs<>();
  private final Map<String, Long> timers = new HashMap<>();

  /** @param connection the connection, as the error of a pair that did not complete names it */
  PortForwardStreams(Vertx vertx, NetClient client, PodPortCopy.Pod pod, String connection,
      Duration streamCreation) {
    this.vertx = vertx;
    this.client = client;
    this.pod = pod;
    this.connection = connection;
    this.streamCreation = streamCreation;
  }

  @Override
  public String reject(SpdyHeaders headers) {
    return StreamPairs.check(headers.getAsString(StreamPairs.PORT), headers.getAsString(StreamPairs.STREAM_TYPE));
  }

  @Override
  public void opened(SpdyStream stream) {
    String type = stream.header(StreamPairs.STREAM_TYPE);
    String request = StreamPairs.requestId(stream.header(StreamPairs.REQUEST_ID), type, stream.id());
    StreamPairs.Added<SpdyStream> added = pairs.add(request, type, stream);
    if (added.problem() != null) {
      if (added.pair().error() != null) {
        added.pair().error().write(Buffer.buffer(added.problem()));
      }
      stream.reset();
    } else if (!added.pair().complete()) {
      timers.put(request, vertx.setTimer(streamCreation.toMillis(), id -> timedOut(request)));
    } else {
      Long timer = timers.remove(request);
      if (timer != null) {
        vertx.cancelTimer(timer);
      }
      SpdyStream data = added.pair().data();
      PodPortCopy.start(vertx, client, pod, Integer.parseInt(data.header(StreamPairs.PORT)), added.pair().error(),
          data);
    }
  }

  /** As the kubelet's {@code monitorStreamPair}, when the pair's time to complete is over. */
  private void timedOut(String request) {
    timers.remove(request);
    StreamPairs.Pair<SpdyStream> p = pairs.drop(request);
    if (p == null) {
      return;
    }
    if (p.error() != null) {
      p.error().write(Buffer.buffer("(conn=" + connection + ", request=" + request + ") timed out waiting for streams"));
      p.error().end();
    }
    if (p.data() != null) {
      p.data().reset();
    }
  }
}
