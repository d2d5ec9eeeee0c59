package io.logplane.node.internal.server.portforward;

import io.logplane.node.internal.server.spdy.SpdyConnection;
import io.logplane.node.internal.server.spdy.SpdyStream;
import io.netty.handler.codec.spdy.SpdyHeaders;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;

/**
 * The streams of one port-forward connection: each checked as the kubelet checks them, paired by
 * request, and each complete pair forwarded to its port of the pod. A stream that does not fit
 * its pair gets the problem on the pair's error stream.
 */
final class PortForwardStreams implements SpdyConnection.Streams {
  private final Vertx vertx;
  private final NetClient client;
  private final PodPortCopy.Pod pod;
  private final StreamPairs<SpdyStream> pairs = new StreamPairs<>();

  PortForwardStreams(Vertx vertx, NetClient client, PodPortCopy.Pod pod) {
    this.vertx = vertx;
    this.client = client;
    this.pod = pod;
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
    } else if (added.pair().complete()) {
      SpdyStream data = added.pair().data();
      PodPortCopy.start(vertx, client, pod, Integer.parseInt(data.header(StreamPairs.PORT)), added.pair().error(),
          data);
    }
  }
}
