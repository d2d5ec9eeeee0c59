package io.logplane.api.nodeproxy;

import io.netty.channel.Channel;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's side of a splice, passed to the client's: every byte the node's socket reads goes
 * to the client in order, and the node's end is passed on once the last of them was written.
 * The node is held back at Netty's level (its channel's {@code autoRead} off) while the
 * client's write queue is full, never by pausing the Vert.x socket: a paused socket drops what
 * it holds when the connection closes, and a node closes right after its last write, however
 * slow the client. What the node's channel still reads once held back (what it had read, or
 * all that is left with its end on a half-closed epoll socket) goes to the client's queue, so
 * what waits is bounded by the socket's buffers. Bytes read before the client's socket is
 * there wait for it here. Its methods may run on the node's and on the client's event loops.
 */
final class NodeStream {
  private final Channel channel;
  private final List<Buffer> early = new ArrayList<>();
  private NetSocket client;
  private Future<Void> last = Future.succeededFuture();
  private boolean ended;
  private Handler<Void> finished;

  /**
   * Takes over the node's socket: nothing more is read of it until {@link #to}.
   *
   * @param answer the node's {@code 101}, whose connection {@code node} is
   */
  NodeStream(HttpClientResponse answer, NetSocket node) {
    if (!(answer.request().connection() instanceof ConnectionBase connection)) {
      throw new IllegalStateException("a node's upgraded connection is Vert.x's own, not "
          + answer.request().connection().getClass().getName());
    }
    this.channel = connection.channel();
    channel.config().setAutoRead(false);
    node.handler(this::read);
    node.endHandler(v -> end());
    node.resume();
  }

  /**
   * Sends what the node sent and sends to {@code client}; {@code finished} runs once the node's
   * side ended and all of it was written to the client.
   */
  synchronized void to(NetSocket client, Handler<Void> finished) {
    this.client = client;
    this.finished = finished;
    early.forEach(this::write);
    early.clear();
    if (ended) {
      last.onComplete(v -> finished.handle(null));
    } else if (!client.writeQueueFull()) {
      channel.config().setAutoRead(true);
    }
  }

  private synchronized void read(Buffer b) {
    if (client == null) {
      early.add(b);
    } else {
      write(b);
    }
  }

  private void write(Buffer b) {
    last = client.write(b);
    if (client.writeQueueFull()) {
      channel.config().setAutoRead(false);
      client.drainHandler(v -> channel.config().setAutoRead(true));
    }
  }

  private synchronized void end() {
    ended = true;
    if (client != null) {
      last.onComplete(v -> finished.handle(null));
    }
  }
}
