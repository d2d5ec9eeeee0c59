package io.logplane.api.http;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * One write to the socket for the answers a connection has ready at once, not one each. Answers
 * are sent from tasks of the connection's event loop (a create's answer once the projection
 * applied its record, a watch's events once the hub delivered them), and each task flushed its
 * own: with 16 clients on one HTTP/2 connection, a batch the projection applied became 16 TLS
 * records and 16 {@code send} calls, and the system calls were a seventh of the event loop's
 * time (a small machine's virtualized kernel makes each one dear). Netty's
 * {@link FlushConsolidationHandler} between TLS and HTTP/2 turns the flushes of the tasks queued
 * together into one, run right after them (and after at most {@value #MOST_FLUSHES} flushes), so
 * TLS wraps what they wrote in as few records as fit; while the connection is being read, the
 * flushes wait for the end of the read, as they did. An answer alone leaves as soon as its task
 * ends.
 */
public final class FlushBatching {

  /** Flushes that are written at once whatever follows. */
  static final int MOST_FLUSHES = 256;

  private FlushBatching() {}

  /** Batches the flushes of a new connection, when it is served over TLS by Netty (else leaves it). */
  public static void install(HttpConnection connection) {
    if (!(connection instanceof ConnectionBase base)) {
      return;
    }
    ChannelPipeline pipeline = base.channel().pipeline();
    if (pipeline.get("ssl") != null && pipeline.get(FlushConsolidationHandler.class) == null) {
      pipeline.addAfter("ssl", "flush-batching", new FlushConsolidationHandler(MOST_FLUSHES, true));
    }
  }
}
